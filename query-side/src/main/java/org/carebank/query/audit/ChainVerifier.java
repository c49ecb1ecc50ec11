package org.carebank.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.carebank.kernel.audit.ChainHash;
import org.springframework.stereotype.Component;

/**
 * Recomputes the hash chain from the stored events (ADR 0005), streaming through both tables in one consistent
 * snapshot, and names the first event where the store and the chain disagree.
 */
@Component
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
        UNCHAINED_EVENT
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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verification(long events, boolean valid, BrokenAt firstBrokenAt, long headPosition, String headLink) {}

    private final StoredEvents stored;

    ChainVerifier(StoredEvents stored) {
        this.stored = stored;
    }

    Verification verify() {
        try {
            return stored.inSnapshot(true, this::verify);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Verification verify(Connection connection) throws SQLException {
        BrokenAt firstBroken = null;
        long links = 0;
        long expectedPosition = 1;
        String previous = ChainHash.GENESIS;
        String sql = "SELECT c.chain_position, c.event_identifier, c.global_index, c.link, "
                + StoredEvents.EVENT_COLUMNS
                + " FROM event_chain c LEFT JOIN domainevententry e ON e.eventidentifier = c.event_identifier"
                + " ORDER BY c.chain_position";
        try (PreparedStatement statement = StoredEvents.cursor(connection, sql);
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
                        event = StoredEvents.stored(rs, 5);
                        if (!ChainHash.link(previous, event).equals(link)) {
                            finding = Finding.LINK_MISMATCH;
                        }
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
        long unchained = 0;
        String unchainedSql = "SELECT " + StoredEvents.EVENT_COLUMNS + " FROM domainevententry e WHERE NOT EXISTS"
                + " (SELECT 1 FROM event_chain c WHERE c.event_identifier = e.eventidentifier) ORDER BY e.globalindex";
        try (PreparedStatement statement = StoredEvents.cursor(connection, unchainedSql);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (unchained++ == 0 && firstBroken == null) {
                    var event = StoredEvents.stored(rs, 1);
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
        return new Verification(links + unchained, firstBroken == null, firstBroken, headPosition, headLink);
    }
}
