package org.carebank.query.audit;

import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.Revision;
import org.carebank.kernel.serialization.EventJson;
import org.carebank.query.audit.EventTableReader.ChainedEvent;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stored event as the feed and the export show it: payload and metadata as the JSON objects they are stored as
 * (never base64), the other columns as stored, and the event's chain position and link.
 */
@Component
class AuditEventJson {

    /** The stored event format (Jackson 2, ADR 0001). */
    private static final com.fasterxml.jackson.databind.ObjectMapper EVENT_JSON = EventJson.objectMapper();

    private final ObjectMapper json;

    AuditEventJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode of(ChainedEvent event) {
        var stored = event.stored();
        ObjectNode node = json.createObjectNode();
        node.put("position", event.position());
        node.put("globalIndex", event.globalIndex());
        node.put("eventId", stored.eventIdentifier());
        node.put("streamId", stored.aggregateIdentifier());
        node.put("aggregateType", stored.aggregateType());
        node.put("sequence", stored.sequenceNumber());
        node.put("type", stored.payloadType());
        node.put("revision", stored.payloadRevision());
        node.put("timestamp", stored.timestamp());
        node.set("payload", parse(stored.payload()));
        node.set("metadata", parse(stored.metaData()));
        node.put("link", event.link());
        return node;
    }

    byte[] line(ObjectNode event) {
        return json.writeValueAsBytes(event);
    }

    ObjectNode objectNode() {
        return json.createObjectNode();
    }

    /** An event's payload or metadata as it would be stored today (Jackson 2, ADR 0001), as a tree. */
    JsonNode asJson(Object value) {
        try {
            return parse(EVENT_JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event that cannot be written as JSON", e);
        }
    }

    /** The revision an event class declares, as Axon stores it; null when it declares none. */
    static String revisionOf(Class<?> payloadType) {
        Revision revision = payloadType.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** Stored JSON as a tree; bytes that are not JSON (a damaged row) are shown as text rather than hidden. */
    JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return json.getNodeFactory().nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException notJson) {
            return json.getNodeFactory().stringNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
