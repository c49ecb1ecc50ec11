package org.carebank.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;
import org.carebank.kernel.audit.ChainCheckpoint;
import org.carebank.kernel.audit.ChainHash;
import org.carebank.kernel.audit.ChainSigningKey;
import org.carebank.kernel.audit.CheckpointInterval;
import org.carebank.query.audit.SignedCheckpoints.AnchorResult;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Recomputes the hash chain from the stored events (ADR 0005), streaming through both tables in one consistent
 * snapshot, and names the first event where the store and the chain disagree. It also checks every signed checkpoint
 * against the key kept outside the database, so a history rewritten with every later link recomputed is found, and
 * says whether the anchors an auditor kept are still in the history. Only where the chain is kept: on Axon Server there
 * is neither a chain nor a signing key (ADR 0005).
 */
@Component
@ConditionalOnProperty(name = "carebank.audit.hash-chain", havingValue = "true", matchIfMissing = true)
class ChainVerifier {

    enum Finding {
        /** The recomputed link differs from the stored one: a column of the event (or the link) was changed. */
        LINK_MISMATCH,
        /** A link whose event is no longer in the store. */
        EVENT_MISSING,
        /** A link is missing between two others. */
        POSITION_GAP,
        /** The head row does not match the last link: links were removed from the end. */
        HEAD_MISMATCH,
        /** An event in the store that was never linked: written around the service. */
        UNCHAINED_EVENT,
        /** A checkpoint whose signature is not the service key's: forged or altered in the database. */
        CHECKPOINT_SIGNATURE_INVALID,
        /** The link at a signed checkpoint is not the one signed: the history up to there was rewritten. */
        REWRITTEN_BEFORE_CHECKPOINT,
        /** A position that must carry a checkpoint, below the newest one, has none: a checkpoint was deleted. */
        CHECKPOINT_MISSING,
        /** An anchor the auditor kept is not in the history any more. */
        ANCHOR_NOT_FOUND
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BrokenAt(
            Long position,
            Long globalIndex,
            String eventId,
            String streamId,
            Long sequence,
            String type,
            Finding reason) {}

    /**
     * The signed checkpoints: how many, the newest (an anchor worth keeping: it verifies with the public key alone), and
     * how many links after it no checkpoint covers yet.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Checkpoints(long signed, String keyId, long every, long unsignedEvents, ChainCheckpoint newest) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verification(
            long events,
            boolean valid,
            BrokenAt firstBrokenAt,
            long headPosition,
            String headLink,
            Checkpoints checkpoints,
            List<AnchorResult> anchors) {}

    private final EventTableReader stored;
    private final ChainSigningKey key;
    private final CheckpointInterval interval;

    ChainVerifier(EventTableReader stored, ChainSigningKey key, CheckpointInterval interval) {
        this.stored = stored;
        this.key = key;
        this.interval = interval;
    }

    Verification verify(List<ChainAnchor> anchors) {
        try {
            return stored.inSnapshot(true, connection -> verify(connection, anchors));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Verification verify(Connection connection, List<ChainAnchor> anchors) throws SQLException {
        var signed = new SignedCheckpoints(checkpoints(connection), key, interval, anchors);
        BrokenAt firstBroken = null;
        long links = 0;
        long expectedPosition = 1;
        String previous = ChainHash.GENESIS;
        String sql = "SELECT c.chain_position, c.event_identifier, c.global_index, c.link, "
                + EventTableReader.EVENT_COLUMNS
                + " FROM event_chain c LEFT JOIN domainevententry e ON e.eventidentifier = c.event_identifier"
                + " ORDER BY c.chain_position";
        try (PreparedStatement statement = EventTableReader.cursor(connection, sql);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                links++;
                long position = rs.getLong(1);
                String link = rs.getString(4);
                if (firstBroken == null) {
                    Finding finding = null;
                    ChainHash.StoredEvent event = null;
                    if (position != expectedPosition) {
                        finding = Finding.POSITION_GAP;
                    } else if (rs.getString(6) == null) {
                        finding = Finding.EVENT_MISSING;
                    } else {
                        event = EventTableReader.stored(rs, 5);
                        if (!ChainHash.link(previous, event).equals(link)) {
                            finding = Finding.LINK_MISMATCH;
                        }
                    }
                    if (finding == null) {
                        finding = signed.at(position, link);
                    }
                    if (finding != null) {
                        firstBroken = new BrokenAt(
                                position,
                                rs.getLong(3),
                                rs.getString(2),
                                event == null ? null : event.aggregateIdentifier(),
                                event == null ? null : event.sequenceNumber(),
                                event == null ? null : event.payloadType(),
                                finding);
                    }
                }
                if (firstBroken != null) {
                    signed.at(position, link); // still look for the anchors
                }
                // Carry on from the stored link: a later event is judged on its own bytes, not on an earlier break.
                previous = link;
                expectedPosition = position + 1;
            }
        }
        long headPosition;
        String headLink;
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT chain_position, link FROM event_chain_head WHERE id = 1");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            headPosition = rs.getLong(1);
            headLink = rs.getString(2);
        }
        if (firstBroken == null && (headPosition != links || !headLink.equals(previous))) {
            firstBroken = new BrokenAt(headPosition, null, null, null, null, null, Finding.HEAD_MISMATCH);
        }
        Long signedBeyond = signed.beyond(expectedPosition - 1);
        if (firstBroken == null && signedBeyond != null) {
            firstBroken = new BrokenAt(signedBeyond, null, null, null, null, null, Finding.REWRITTEN_BEFORE_CHECKPOINT);
        }
        long unchained = 0;
        String unchainedSql = "SELECT " + EventTableReader.EVENT_COLUMNS + " FROM domainevententry e WHERE NOT EXISTS"
                + " (SELECT 1 FROM event_chain c WHERE c.event_identifier = e.eventidentifier) ORDER BY e.globalindex";
        try (PreparedStatement statement = EventTableReader.cursor(connection, unchainedSql);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (unchained++ == 0 && firstBroken == null) {
                    var event = EventTableReader.stored(rs, 1);
                    firstBroken = new BrokenAt(
                            null,
                            rs.getLong(1),
                            event.eventIdentifier(),
                            event.aggregateIdentifier(),
                            event.sequenceNumber(),
                            event.payloadType(),
                            Finding.UNCHAINED_EVENT);
                }
            }
        }
        AnchorResult missingAnchor = signed.firstMissingAnchor();
        if (firstBroken == null && missingAnchor != null) {
            firstBroken =
                    new BrokenAt(missingAnchor.position(), null, null, null, null, null, Finding.ANCHOR_NOT_FOUND);
        }
        ChainCheckpoint newest = signed.newest();
        var checkpoints = new Checkpoints(
                signed.count(),
                key.keyId(),
                interval.events(),
                Math.max(0, headPosition - (newest == null ? 0 : newest.position())),
                newest);
        return new Verification(
                links + unchained,
                firstBroken == null,
                firstBroken,
                headPosition,
                headLink,
                checkpoints,
                anchors.isEmpty() ? null : signed.anchors());
    }

    private static TreeMap<Long, ChainCheckpoint> checkpoints(Connection connection) throws SQLException {
        var checkpoints = new TreeMap<Long, ChainCheckpoint>();
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT chain_position, link, key_id, signed_at, signature FROM event_chain_checkpoint");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                checkpoints.put(
                        rs.getLong(1),
                        new ChainCheckpoint(
                                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return checkpoints;
    }
}
