package org.carebank.command.web;

import java.util.Map;

/** One field of a request that breaks a rule, in the {@code errors[]} shape of {@code /problems/invalid-request}. */
public record FieldProblem(String field, String message) {

    public Map<String, String> asError() {
        return Map.of("field", field, "message", message);
    }
}
