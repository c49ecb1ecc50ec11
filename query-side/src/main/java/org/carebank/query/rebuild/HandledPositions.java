package org.carebank.query.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
    private final EventStore eventStore;
    private final boolean chained;

    HandledPositions(
            JdbcClient jdbc,
            Serializer serializer,
            EventProcessingConfiguration processing,
            EventStore eventStore,
            @Value("${carebank.audit.hash-chain:true}") boolean chained) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
        this.eventStore = eventStore;
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
     * events the segment does not handle. A segment another instance holds is judged by its stored token, which Axon
     * writes with each batch it handles but, past events it skips, only at its next claim extension (about 5 s later):
     * so a stored token short of the event still counts as handled when that segment has nothing to do with the event
     * (another aggregate's segment, or no handler for its type), which the processor's own handler invoker decides.
     */
    List<String> behind(Collection<String> names, long globalIndex) {
        var behind = new ArrayList<String>();
        var event = new EventAt(globalIndex);
        for (String name : names) {
            Optional<StreamingEventProcessor> processor =
                    processing.eventProcessor(name, StreamingEventProcessor.class);
            Map<Integer, EventTrackerStatus> local =
                    processor.map(StreamingEventProcessor::processingStatus).orElse(Map.of());
            var segments = jdbc.sql("SELECT segment, token, tokentype FROM tokenentry WHERE processorname = ?")
                    .param(name)
                    .query((rs, n) -> new StoredSegment(rs.getInt(1), rs.getBytes(2), rs.getString(3)))
                    .list();
            int[] ids = segments.stream().mapToInt(StoredSegment::id).toArray();
            boolean handledByAll = !segments.isEmpty();
            for (StoredSegment segment : segments) {
                EventTrackerStatus status = local.get(segment.id());
                if (status != null) {
                    handledByAll &= handled(status.getTrackingToken(), globalIndex);
                } else if (!handled(token(segment.token(), segment.type()), globalIndex)) {
                    handledByAll &= processor
                            .filter(AbstractEventProcessor.class::isInstance)
                            .map(p -> ((AbstractEventProcessor) p).eventHandlerInvoker())
                            .flatMap(invoker -> event.get()
                                    .map(e -> !invoker.canHandle(e, Segment.computeSegment(segment.id(), ids))))
                            .orElse(false);
                }
            }
            if (!handledByAll) {
                behind.add(name);
            }
        }
        return behind;
    }

    private record StoredSegment(int id, byte[] token, String type) {}

    /** The event at a global index, read from the store once per question and only when a remote segment needs it. */
    private final class EventAt {
        private final long globalIndex;
        private Optional<TrackedEventMessage<?>> event;

        EventAt(long globalIndex) {
            this.globalIndex = globalIndex;
        }

        Optional<TrackedEventMessage<?>> get() {
            if (event == null) {
                event = read();
            }
            return event;
        }

        private Optional<TrackedEventMessage<?>> read() {
            if (chained) {
                return Optional.empty(); // the embedded store's segments are all held by the one instance
            }
            TrackingToken before = globalIndex == 0 ? null : new GlobalSequenceTrackingToken(globalIndex - 1);
            try (var stream = eventStore.openStream(before)) {
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    TrackedEventMessage<?> next = stream.nextAvailable();
                    if (next.trackingToken().position().orElse(-1) == globalIndex) {
                        return Optional.of(next);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Not readable now: the segment is judged by its stored token alone.
            }
            return Optional.empty();
        }
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
