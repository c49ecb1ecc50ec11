package org.carebank.command.visit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carebank.command.web.CommandInputCheck;
import org.carebank.command.web.TimeWindow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One roster line read on its own: parsed, refused as unreadable, or refused for the field rules it breaks. */
class RosterLineParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RosterLineParser parser = new RosterLineParser(
            JSON,
            Validation.buildDefaultValidatorFactory().getValidator(),
            new CommandInputCheck(
                    TimeWindow.defaults(), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)));

    private static Map<String, Object> line() {
        var line = new LinkedHashMap<String, Object>();
        line.put("visitId", "v-1");
        line.put("packageId", "p-1");
        line.put("workerId", "w-1");
        line.put("plannedStart", "2026-12-02T09:00:00Z");
        line.put("plannedMinutes", 1440);
        return line;
    }

    private static JsonNode node(Map<String, Object> line) {
        return JSON.valueToTree(line);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errorsOf(RosterLineParser.ParsedLine parsed) {
        return (List<Map<String, String>>) parsed.refusal().properties().get("errors");
    }

    @Test
    @DisplayName("a line within every rule (1440 minutes, the most a visit may last) is parsed into its schedule")
    void validLine() {
        var parsed = parser.parse(node(line()));

        assertThat(parsed.refusal()).isNull();
        assertThat(parsed.line().visitId()).isEqualTo("v-1");
        var plan = parsed.line().schedule().plan();
        assertThat(plan.plannedMinutes()).isEqualTo(1440);
        assertThat(plan.plannedStart()).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        assertThat(plan.timeCritical()).as("absent means not time-critical").isFalse();
    }

    @Test
    @DisplayName("1441 minutes and a missing worker break field rules: invalid-request naming both fields")
    void fieldRules() {
        var line = line();
        line.put("plannedMinutes", 1441);
        line.remove("workerId");

        var parsed = parser.parse(node(line));

        assertThat(parsed.line()).isNull();
        assertThat(parsed.refusal().type()).isEqualTo("invalid-request");
        assertThat(parsed.refusal().status()).isEqualTo(400);
        assertThat(errorsOf(parsed))
                .extracting(error -> error.get("field"))
                .containsExactlyInAnyOrder("plannedMinutes", "workerId");
    }

    @Test
    @DisplayName("a planned start past the time window is refused by the same value rules as every request body")
    void valueRules() {
        var line = line();
        line.put("plannedStart", "3026-12-02T09:00:00Z");

        var parsed = parser.parse(node(line));

        assertThat(parsed.refusal().type()).isEqualTo("invalid-request");
        assertThat(errorsOf(parsed)).extracting(error -> error.get("field")).containsExactly("plannedStart");
    }

    @Test
    @DisplayName("a line Jackson cannot read (a planned start that is no instant) is malformed-request, 400")
    void unreadableLine() {
        var line = line();
        line.put("plannedStart", "tomorrow morning");

        var parsed = parser.parse(node(line));

        assertThat(parsed.line()).isNull();
        assertThat(parsed.refusal().type()).isEqualTo("malformed-request");
        assertThat(parsed.refusal().status()).isEqualTo(400);
    }

    @Test
    @DisplayName("the visit id is read as sent, even from a line that cannot be parsed; none without one")
    void visitIdAsSent() {
        var line = line();
        line.put("plannedStart", "tomorrow morning");
        assertThat(RosterLineParser.visitIdOf(node(line))).isEqualTo("v-1");
        line.remove("visitId");
        assertThat(RosterLineParser.visitIdOf(node(line))).isNull();
        assertThat(RosterLineParser.visitIdOf(null)).isNull();
    }
}
