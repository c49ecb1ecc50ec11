package org.carebank.query.audit;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * A stream's events as the service reads them today (through the upcasters, deserialized), from the event store
 * itself rather than any projection. The as-of views fold these.
 */
@Component
public class UpcastEventReader {

    private final EventStore eventStore;

    UpcastEventReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Every event of the stream, from its first: a snapshot, if one were ever taken, must not hide the history. */
    public List<? extends DomainEventMessage<?>> all(String streamId) {
        return eventStore.readEvents(streamId, 0).asStream().toList();
    }

    /** The events of the stream recorded at or before {@code asOf}. */
    public List<? extends DomainEventMessage<?>> upTo(String streamId, Instant asOf) {
        return eventStore
                .readEvents(streamId, 0)
                .asStream()
                .filter(event -> !event.getTimestamp().isAfter(asOf))
                .toList();
    }
}
