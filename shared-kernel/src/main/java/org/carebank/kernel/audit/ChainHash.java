package org.carebank.kernel.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper-evidence chain over the event store (ADR 0005). Each stored event gets a link:
 *
 * <pre>
 * link(n) = SHA-256( previous link (hex), event id, stream id, sequence, aggregate type,
 *                    payload type, payload revision, timestamp, payload bytes, metadata bytes )
 * </pre>
 *
 * every field exactly as stored in {@code domainevententry} (all columns but {@code globalindex}, which the database
 * assigns), so the chain proves the bytes an auditor reads, not what the code makes of them today (an upcaster changes
 * nothing stored). Each field is written as a 4-byte big-endian length followed by its bytes (UTF-8 for text, -1 for
 * SQL NULL; the sequence as 8 bytes), so two different events can never feed the digest the same input. The writer
 * (command side) and the verifier (audit API) share this one class.
 */
public final class ChainHash {

    /** The link before the first event. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {}

    /** One row of {@code domainevententry}, as stored. */
    public record StoredEvent(
            String eventIdentifier,
            String aggregateIdentifier,
            long sequenceNumber,
            String aggregateType,
            String payloadType,
            String payloadRevision,
            String timestamp,
            byte[] payload,
            byte[] metaData) {}

    public static String link(String previous, StoredEvent event) {
        MessageDigest digest = sha256();
        text(digest, previous);
        text(digest, event.eventIdentifier());
        text(digest, event.aggregateIdentifier());
        digest.update(
                ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        text(digest, event.aggregateType());
        text(digest, event.payloadType());
        text(digest, event.payloadRevision());
        text(digest, event.timestamp());
        bytes(digest, event.payload());
        bytes(digest, event.metaData());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void text(MessageDigest digest, String value) {
        bytes(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES)
                .putInt(value == null ? -1 : value.length)
                .array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
