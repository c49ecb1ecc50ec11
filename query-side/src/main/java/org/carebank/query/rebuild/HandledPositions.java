package org.carebank.query.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.carebank.kernel.audit.FeedPosition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether projections have handled an event of the audit feed, read from their tokens in the token store: every
 * segment, whichever query instance holds it, so the answer holds in the distributed mode too (ADR 0020). The tokens
 * commit with the projections' rows, so a token past the event means rows that show it.
 */
@Component
class HandledPositions {

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final boolean chained;

    HandledPositions(
            JdbcClient jdbc, Serializer serializer, @Value("${carebank.audit.hash-chain:true}") boolean chained) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.chained = chained;
    }

    /**
     * The global index (the processors' token terms) of the event at a feed position; empty while no such event is
     * stored yet. With the hash chain the chain row maps it; on Axon Server the index is the position minus one.
     */
    OptionalLong globalIndexOf(long position) {
        if (!chained) {
            return OptionalLong.of(FeedPosition.globalIndexOf(position));
        }
        Optional<Long> index = jdbc.sql("SELECT global_index FROM event_chain WHERE chain_position = ?")
                .param(position)
                .query(Long.class)
                .optional();
        return index.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** The projections among {@code names} that have not yet handled the event at {@code globalIndex}. */
    List<String> behind(Collection<String> names, long globalIndex) {
        var behind = new ArrayList<String>();
        for (String name : names) {
            var tokens = jdbc.sql("SELECT token, tokentype FROM tokenentry WHERE processorname = ?")
                    .param(name)
                    .query((rs, n) -> token(rs.getBytes(1), rs.getString(2)))
                    .list();
            if (tokens.isEmpty() || tokens.stream().anyMatch(token -> !handled(token, globalIndex))) {
                behind.add(name);
            }
        }
        return behind;
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }

    /**
     * Handled when the token is at or past the index and, for the embedded store's gap-aware tokens, the index is not
     * one of the gaps it is still waiting for (a transaction that had not committed when the processor passed it).
     */
    static boolean handled(TrackingToken token, long globalIndex) {
        if (token == null) {
            return false;
        }
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        return current != null && current.position().orElse(-1) >= globalIndex;
    }
}
