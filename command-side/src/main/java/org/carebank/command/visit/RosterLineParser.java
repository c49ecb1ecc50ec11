package org.carebank.command.visit;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carebank.command.visit.RosterRequests.RosterLine;
import org.carebank.command.web.CommandInputCheck;
import org.carebank.command.web.CommandProblems;
import org.carebank.kernel.refusal.Refusal;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads one roster line into a {@link RosterLine}, or the refusal of that line alone: the same value rules as every
 * request body ({@link CommandInputCheck}), then the field rules.
 */
@Component
class RosterLineParser {

    /** Either a line that passed every field rule, or why it was refused. */
    record ParsedLine(RosterLine line, Refusal refusal) {}

    private final ObjectMapper json;
    private final Validator validator;
    private final CommandInputCheck input;

    RosterLineParser(ObjectMapper json, Validator validator, CommandInputCheck input) {
        this.json = json;
        this.validator = validator;
        this.input = input;
    }

    /** The line's visit id as sent, even when the rest of the line cannot be read; null without one. */
    static String visitIdOf(JsonNode node) {
        return node != null && node.hasNonNull("visitId") ? node.get("visitId").asString() : null;
    }

    ParsedLine parse(JsonNode node) {
        Parsed<RosterLine> parsed = read(node, RosterLine.class, "roster line", "visit");
        return new ParsedLine(parsed.value(), parsed.refusal());
    }

    /** Either a value that passed every field rule, or why it was refused. */
    record Parsed<T>(T value, Refusal refusal) {}

    /** Reads one line of a bulk request (a roster, an import) into {@code type}, by the rules of every request body. */
    <T> Parsed<T> read(JsonNode node, Class<T> type, String what, String valid) {
        T line;
        try {
            line = json.treeToValue(node, type);
        } catch (JacksonException | IllegalArgumentException e) {
            return new Parsed<>(
                    null,
                    new Refusal(
                            "malformed-request",
                            400,
                            "Malformed request",
                            e instanceof JacksonException unreadable
                                    ? CommandProblems.readableCause(unreadable)
                                    : "This " + what + " is not a valid " + valid + ".",
                            Map.of()));
        }
        // A line that breaks either kind of rule is refused alone, and the request's other lines go on.
        var errors = new ArrayList<Map<String, String>>();
        if (line != null) {
            input.problemsOf(line).forEach(problem -> errors.add(problem.asError()));
            validator.validate(line).forEach(violation -> errors.add(fieldError(violation)));
        }
        if (line == null || !errors.isEmpty()) {
            return new Parsed<>(
                    null,
                    new Refusal(
                            "invalid-request",
                            400,
                            "Invalid request",
                            "This " + what + " breaks field rules.",
                            Map.of("errors", List.copyOf(errors))));
        }
        return new Parsed<>(line, null);
    }

    private static Map<String, String> fieldError(ConstraintViolation<?> violation) {
        return Map.of("field", violation.getPropertyPath().toString(), "message", violation.getMessage());
    }
}
