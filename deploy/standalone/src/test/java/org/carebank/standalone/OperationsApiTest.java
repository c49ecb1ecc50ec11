package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.io.ClassPathResource;

/** Issue 22, operations: what an operator reads (info, health) and follows (a trace from a rostering system). */
class OperationsApiTest extends ApiTestSupport {

    @Test
    @DisplayName("/actuator/info names the build (and the commit, when built from a git checkout) to anyone")
    void infoNamesTheBuild() {
        var info = as(null).get("/actuator/info");
        assertThat(info.status()).isEqualTo(200);
        var build = info.json().path("build");
        assertThat(build.path("artifact").asString()).isEqualTo("standalone");
        assertThat(build.path("version").asString()).isNotBlank();
        assertThat(build.path("time").asString()).isNotBlank();
        assertThat(info.json().path("java").path("version").asString()).isNotBlank();
        if (builtFromGit()) {
            // Built without .git (a source archive) the build succeeds and git.properties is empty.
            assertThat(info.json().path("git").path("commit").path("id").asString())
                    .matches("[0-9a-f]{7,40}");
        }
    }

    @Test
    @DisplayName("health shows ADMIN the database, each projection's position and lag, dead letters, deadlines;"
            + " others the status only")
    void healthComponentsForAdmin() {
        String clientRef = unique("C");
        assertThat(council()
                        .post(
                                "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                                Map.of("adjustmentId", "opening", "minutes", 30, "reason", "opening balance"))
                        .status())
                .isEqualTo(201);
        eventually(() -> {
            var health = as("admin").get("/actuator/health").json();
            var components = health.path("components");
            assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
            assertThat(components.path("deadLetters").path("status").asString()).isEqualTo("UP");
            assertThat(components.path("dbScheduler").path("status").asString()).isEqualTo("UP");
            assertThat(components.path("projections").path("status").asString()).isEqualTo("UP");
            var processors = components.path("eventProcessors");
            assertThat(processors.path("status").asString()).isEqualTo("UP");
            long head = processors.path("details").path("head").asLong();
            assertThat(head).isPositive();
            var timeBanks = processors.path("details").path("processors").path("time-bank-views");
            assertThat(timeBanks.path("running").asBoolean()).isTrue();
            assertThat(timeBanks.path("position").asLong()).isLessThanOrEqualTo(head);
            assertThat(timeBanks.path("lag").asLong())
                    .isEqualTo(head - timeBanks.path("position").asLong());
        });
        for (String user : new String[] {null, "council", "auditor", "alpha"}) {
            var health = as(user).get("/actuator/health").json();
            assertThat(health.has("components")).as(String.valueOf(user)).isFalse();
        }
        assertThat(as(null).get("/actuator/health/eventProcessors").status())
                .as("a component's details are ADMIN's")
                .isIn(401, 403, 404);
    }

    @Test
    @DisplayName("a command sent with a W3C traceparent has that trace id in its events' metadata and log lines (ECS)")
    void traceparentReachesEventsAndLogs() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String parentSpan = HexFormat.of().formatHex(randomBytes(8));
        String clientRef = unique("C");
        var handling = (Logger) LoggerFactory.getLogger("org.carebank.service.CommandTracing");
        Level before = handling.getLevel();
        handling.setLevel(Level.DEBUG);
        try (var log = CapturedLog.open()) {
            var sent = council()
                    .postWithHeader(
                            "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                            Map.of("adjustmentId", "opening", "minutes", 45, "reason", "opening balance"),
                            "traceparent",
                            "00-" + traceId + "-" + parentSpan + "-01");
            assertThat(sent.status()).as(sent.text()).isEqualTo(201);

            var metaData = eventMetaData("timebank:" + clientRef);
            assertThat(metaData).hasSize(1);
            assertThat(metaData.get(0)).containsEntry("trace.id", traceId);
            assertThat((String) metaData.get(0).get("span.id"))
                    .matches("[0-9a-f]{16}")
                    .isNotEqualTo(parentSpan);
            assertThat((String) metaData.get(0).get("traceparent")).startsWith("00-" + traceId + "-");

            ILoggingEvent handled = log.events().stream()
                    .filter(event -> event.getFormattedMessage().startsWith("Handling ")
                            && traceId.equals(event.getMDCPropertyMap().get("traceId")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no log line of the command's handling in trace " + traceId));
            assertThat(handled.getMDCPropertyMap().get("spanId")).matches("[0-9a-f]{16}");

            // The line as the service writes it on its console (ECS JSON, carebank-common.yml's names).
            var encoder = new StructuredLogEncoder();
            encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
            encoder.setFormat("ecs");
            encoder.start();
            String line = new String(encoder.encode(handled), StandardCharsets.UTF_8);
            assertThat(line).contains("\"trace.id\":\"" + traceId + "\"").contains("\"span.id\":\"");
        } finally {
            handling.setLevel(before);
        }

        String untracedRef = unique("C");
        var untraced = council()
                .post(
                        "/api/v1/clients/" + untracedRef + "/time-bank/adjustments",
                        Map.of("adjustmentId", "opening", "minutes", 45, "reason", "opening balance"));
        assertThat(untraced.status()).isEqualTo(201);
        assertThat((String) eventMetaData("timebank:" + untracedRef).get(0).get("trace.id"))
                .as("a request without traceparent starts a trace of its own")
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(traceId);
    }

    private static boolean builtFromGit() {
        var git = new ClassPathResource("git.properties");
        if (!git.exists()) {
            return false;
        }
        try (var in = git.getInputStream()) {
            var properties = new java.util.Properties();
            properties.load(in);
            return properties.containsKey("git.commit.id");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int count) {
        var bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1; // never all zeros, which W3C calls invalid
        return bytes;
    }
}
