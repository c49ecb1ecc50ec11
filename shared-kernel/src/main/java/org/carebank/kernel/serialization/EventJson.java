package org.carebank.kernel.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The stored form of every event, command detail and token: JSON by Jackson 2, instants as ISO-8601 strings. Events
 * are forever, so this is decided once here and shared by every process that reads or writes them (ADR 0001).
 */
public final class EventJson {

    private EventJson() {}

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // An old reader meeting a field added later must not fail; new fields get upcasters when needed.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
