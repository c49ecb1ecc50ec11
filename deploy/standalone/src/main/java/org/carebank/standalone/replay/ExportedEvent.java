package org.carebank.standalone.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.carebank.kernel.audit.ChainHash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One line of the audit API's NDJSON export ({@code GET /api/v1/audit/events}, Accept application/x-ndjson): the
 * stored row of {@code domainevententry} with its chain position and link. Payload and metadata are exported as the
 * JSON objects they are stored as; written back compactly they are the stored bytes again, which the chain proves.
 */
record ExportedEvent(long position, long globalIndex, String link, ChainHash.StoredEvent stored) {

    /** A line that is not an event of the export, named by its line number. */
    static final class MalformedLine extends RuntimeException {
        MalformedLine(long line, String why) {
            super("line " + line + " of the export is not an exported event: " + why);
        }
    }

    static ExportedEvent parse(ObjectMapper json, long lineNumber, String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (RuntimeException e) {
            throw new MalformedLine(
                    lineNumber,
                    "not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        for (String field : new String[] {"position", "globalIndex", "eventId", "streamId", "sequence", "type"}) {
            if (!node.hasNonNull(field)) {
                throw new MalformedLine(lineNumber, "no " + field);
            }
        }
        var stored = new ChainHash.StoredEvent(
                node.path("eventId").asString(),
                node.path("streamId").asString(),
                node.path("sequence").asLong(),
                text(node, "aggregateType"),
                node.path("type").asString(),
                text(node, "revision"),
                text(node, "timestamp"),
                bytes(json, node.get("payload")),
                bytes(json, node.get("metadata")));
        return new ExportedEvent(
                node.path("position").asLong(), node.path("globalIndex").asLong(), text(node, "link"), stored);
    }

    /** When the event was recorded: what {@code asOf} compares with, as the service's own asOf answers do. */
    Instant recordedAt() {
        return Instant.parse(stored.timestamp());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /**
     * The stored bytes back from the exported tree. A JSON object or array is written compactly, as the event format
     * stores it; a string stands for bytes that were not JSON (the export shows a damaged row as text), null for NULL.
     */
    private static byte[] bytes(ObjectMapper json, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString().getBytes(StandardCharsets.UTF_8);
        }
        return json.writeValueAsBytes(value);
    }
}
