package org.carebank.query.asof;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * Feeds the events recorded at or before an instant, in the order the live processors read them (the store's global
 * order, through the upcasters), to projection handlers, in batches of one unit of work each, as a tracking processor
 * hands them over: what a projection leaves until the end of a batch happens as it does live. Reading stops at the
 * store's head as it was when the answer began, so events recorded meanwhile (all later than the instant asked
 * about, unless the instant is in the future) cannot make it run on.
 */
final class EventsUpTo {

    private static final int BATCH = 1_000;

    private final EventStore store;

    EventsUpTo(EventStore store) {
        this.store = store;
    }

    /** Feeds the events; returns the global position of the last one fed, empty when none was. */
    OptionalLong feed(Instant asOf, List<AnnotationEventHandlerAdapter> projections) {
        TrackingToken head = store.createHeadToken();
        if (head == null || projections.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong last = OptionalLong.empty();
        List<EventMessage<?>> batch = new ArrayList<>(BATCH);
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            while (stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                // The payload type comes from the stored type name: events no view wants are never deserialised.
                if (!event.getTimestamp().isAfter(asOf) && wanted(event, projections)) {
                    batch.add(event);
                    last = event.trackingToken().position();
                    if (batch.size() == BATCH) {
                        handle(batch, projections);
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (event.trackingToken().covers(head)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the events up to " + asOf, e);
        }
        handle(batch, projections);
        return last;
    }

    private static boolean wanted(EventMessage<?> event, List<AnnotationEventHandlerAdapter> projections) {
        Class<?> type = event.getPayloadType();
        return projections.stream().anyMatch(projection -> projection.canHandleType(type));
    }

    private static void handle(List<EventMessage<?>> batch, List<AnnotationEventHandlerAdapter> projections) {
        if (batch.isEmpty()) {
            return;
        }
        var unitOfWork = new BatchingUnitOfWork<>(batch);
        var result = unitOfWork.executeWithResult(() -> {
            EventMessage<?> event = unitOfWork.getMessage();
            for (var projection : projections) {
                if (projection.canHandle(event)) {
                    projection.handle(event);
                }
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("replaying events for an as-of answer failed", result.exceptionResult());
        }
    }
}
