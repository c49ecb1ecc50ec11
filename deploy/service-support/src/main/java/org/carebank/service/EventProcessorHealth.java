package org.carebank.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code eventProcessors}: for each streaming processor (a projection, or a command-side
 * processor) whether it runs, the segments this instance holds, the lowest position among them, the head of the event
 * store and the lag between the two in events. A segment in error state (Axon retries it with back-off) makes the
 * component DOWN with the error; a processor that holds no segment here (another instance does) shows
 * {@code segmentsHere: 0} and no position. Not in the liveness or readiness group: a projection behind is late, not
 * broken, and its API says so itself.
 */
@Component("eventProcessorsHealthIndicator") // the health component "eventProcessors"
class EventProcessorHealth implements HealthIndicator {

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> eventStore;

    EventProcessorHealth(
            ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<EventStore> eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Override
    public Health health() {
        var configuration = processing.getIfAvailable();
        if (configuration == null) {
            return Health.unknown().build();
        }
        long head = head();
        boolean failing = false;
        var details = new TreeMap<String, Object>();
        for (var entry : configuration.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            var statuses = processor.processingStatus().values();
            var detail = new LinkedHashMap<String, Object>();
            detail.put("running", processor.isRunning());
            detail.put("segmentsHere", statuses.size());
            OptionalLong position = statuses.stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .filter(OptionalLong::isPresent)
                    .mapToLong(OptionalLong::getAsLong)
                    .min();
            if (position.isPresent()) {
                detail.put("position", position.getAsLong());
                detail.put("lag", Math.max(0, head - position.getAsLong()));
            }
            detail.put("replaying", processor.isReplaying());
            var errors =
                    statuses.stream().filter(EventTrackerStatus::isErrorState).toList();
            if (!errors.isEmpty()) {
                failing = true;
                detail.put("error", errorOf(errors.get(0)));
            }
            details.put(entry.getKey(), detail);
        }
        var health = failing ? Health.down() : Health.up();
        return health.withDetail("head", head)
                .withDetail("processors", Map.copyOf(details))
                .build();
    }

    private long head() {
        var store = eventStore.getIfAvailable();
        if (store == null) {
            return 0;
        }
        TrackingToken head = store.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** The exception's class and message only: an event's payload never reaches the health endpoint. */
    private static String errorOf(EventTrackerStatus status) {
        Throwable error = status.getError();
        return error == null ? "error state" : error.getClass().getSimpleName();
    }
}
