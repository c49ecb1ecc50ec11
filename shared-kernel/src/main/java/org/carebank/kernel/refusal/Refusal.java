package org.carebank.kernel.refusal;

import java.util.Map;

/**
 * Why a command was refused, in the shape of an RFC 9457 problem: {@code type} is a stable slug (the API answers
 * {@code /problems/<type>}), {@code status} the HTTP status it maps to, {@code properties} the rule-specific fields
 * (for example the headroom left in a time bank). It travels as the details of a {@link CommandRefusedException}, so
 * it reaches the caller through Axon Server too.
 */
public record Refusal(String type, int status, String title, String detail, Map<String, Object> properties) {

    public Refusal {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static Refusal notFound(String type, String detail) {
        return new Refusal(type, 404, "Not found", detail, Map.of());
    }

    public static Refusal conflict(String type, String detail) {
        return new Refusal(type, 409, "Conflicting state", detail, Map.of());
    }

    public static Refusal rule(String type, String detail) {
        return new Refusal(type, 422, "Business rule refused the command", detail, Map.of());
    }

    public Refusal with(String property, Object value) {
        var merged = new java.util.HashMap<>(properties);
        merged.put(property, value);
        return new Refusal(type, status, title, detail, merged);
    }

    public CommandRefusedException exception() {
        return new CommandRefusedException(this);
    }
}
