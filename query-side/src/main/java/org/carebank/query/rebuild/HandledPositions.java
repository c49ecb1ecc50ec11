package org.carebank.query.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.carebank.kernel.audit.FeedPosition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether projections have handled an event of the audit feed: every segment of each, whichever query instance holds
 * it, so the answer holds in the distributed mode too (ADR 0020). A segment's progress commits with the projection's
 * rows, so a segment past the event means rows that show it.
 */
@Component
class HandledPositions {

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final EventProcessingConfiguration processing;
    private final boolean chained;

    HandledPositions(
            JdbcClient jdbc,
            Serializer serializer,
            EventProcessingConfiguration processing,
            @Value("${carebank.audit.hash-chain:true}") boolean chained) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
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

    /**
     * The projections among {@code names} that have not yet handled the event at {@code globalIndex}. A segment this
     * instance holds is judged by its processor's status, which advances as soon as a batch has committed, also past
     * events the segment does not handle; a segment another instance holds, by its stored token, which Axon writes
     * with each batch it handles but, past events it skips, only at its next claim extension (seconds later).
     */
    List<String> behind(Collection<String> names, long globalIndex) {
        var behind = new ArrayList<String>();
        for (String name : names) {
            Map<Integer, EventTrackerStatus> local = processing
                    .eventProcessor(name, StreamingEventProcessor.class)
                    .map(StreamingEventProcessor::processingStatus)
                    .orElse(Map.of());
            var tokens = jdbc.sql("SELECT segment, token, tokentype FROM tokenentry WHERE processorname = ?")
                    .param(name)
                    .query((rs, n) -> {
                        EventTrackerStatus status = local.get(rs.getInt(1));
                        return status != null ? status.getTrackingToken() : token(rs.getBytes(2), rs.getString(3));
                    })
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
