package org.carebank.query.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

/**
 * Feeds events to projections the way Axon does (their annotated handlers, timestamps and ids resolved from the
 * message), in the order given.
 */
public final class EventFeed {

    private final List<AnnotationEventHandlerAdapter> projections;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<EventMessage<?>> history = new java.util.ArrayList<>();

    public EventFeed(Object... projections) {
        this.projections = java.util.Arrays.stream(projections)
                .map(AnnotationEventHandlerAdapter::new)
                .toList();
    }

    /** The time the next events are recorded at (their message timestamp). */
    public EventFeed at(String instant) {
        return at(Instant.parse(instant));
    }

    public EventFeed at(Instant instant) {
        now = instant;
        return this;
    }

    /**
     * Handles the events as one batch, in one unit of work, as a processor hands them over: what projections leave
     * until the end of a batch happens once, after the last of them.
     */
    public EventFeed given(Object... events) {
        List<EventMessage<?>> messages = java.util.Arrays.stream(events)
                .<EventMessage<?>>map(
                        event -> new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), now))
                .toList();
        return handle(messages, events);
    }

    /**
     * The same for events of one aggregate's stream, numbered from {@code firstSequence} and carrying {@code metaData}
     * (who recorded them), for projections that read the sequence number or the metadata.
     */
    public EventFeed givenStream(String streamId, long firstSequence, Map<String, ?> metaData, Object... events) {
        var messages = new java.util.ArrayList<EventMessage<?>>();
        for (int i = 0; i < events.length; i++) {
            messages.add(new org.axonframework.eventhandling.GenericDomainEventMessage<>(
                    "stream",
                    streamId,
                    firstSequence + i,
                    events[i],
                    metaData,
                    UUID.randomUUID().toString(),
                    now));
        }
        return handle(messages, events);
    }

    private EventFeed handle(List<EventMessage<?>> messages, Object[] events) {
        history.addAll(messages);
        var batch = new BatchingUnitOfWork<>(messages);
        var result = batch.executeWithResult(() -> {
            EventMessage<?> message = batch.getMessage();
            for (var projection : projections) {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("Handling " + List.of(events) + " failed", result.exceptionResult());
        }
        return this;
    }

    /** What a processor reset does: every projection's reset handler. It forgets the history given so far. */
    public void reset() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
        history.clear();
    }

    /** The messages given since the last reset, in order: the history a fold of the same events reads. */
    public List<EventMessage<?>> history() {
        return List.copyOf(history);
    }
}
