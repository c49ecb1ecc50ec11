package org.carebank.query.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/** What may be said of a parked event without its payload: its type, its aggregate and its position in the store. */
record ParkedEvent(String type, String aggregateId, Long position) {

    static ParkedEvent of(EventMessage<?> event) {
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        Long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream()
                        .boxed()
                        .findFirst()
                        .orElse(null)
                : null;
        return new ParkedEvent(event.getPayloadType().getSimpleName(), aggregateId, position);
    }
}
