package org.carebank.query.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Feeds events to projections the way Axon does (their annotated handlers, timestamps and ids resolved from the
 * message), in the order given, one at a time.
 */
public final class EventFeed {

    private final List<AnnotationEventHandlerAdapter> projections;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

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

    public EventFeed given(Object... events) {
        for (Object event : events) {
            EventMessage<?> message =
                    new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), now);
            for (var projection : projections) {
                try {
                    if (projection.canHandle(message)) {
                        projection.handle(message);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Handling " + event + " failed", e);
                }
            }
        }
        return this;
    }

    /** What a processor reset does: every projection's reset handler. */
    public void reset() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
    }
}
