package org.carebank.query.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Parked events where an operator looks: the gauge {@code carebank_dead_letters{processing_group}} and the health
 * component {@code deadLetters}. The component stays UP with the counts as details, and is in neither the liveness nor
 * the readiness group: a parked event is work for a person, not a reason to restart the service or take it out of the
 * load balancer (the other events are still served).
 */
@Component("deadLettersHealthIndicator") // the health component "deadLetters"
class DeadLetterMonitoring implements HealthIndicator {

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;

    DeadLetterMonitoring(DeadLetters deadLetters, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /** Registered once the processors exist: the groups are known only then. */
    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (String group : deadLetters.groups()) {
            Gauge.builder("carebank.dead.letters", deadLetters, letters -> letters.count(group))
                    .description("Events the projection parked as dead letters")
                    .tag("processing_group", group)
                    .register(registry);
        }
    }

    @Override
    public Health health() {
        var counts = deadLetters.counts();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        var details = new LinkedHashMap<String, Object>(counts);
        details.put("total", total);
        if (total > 0) {
            details.put(
                    "action", "GET /api/v1/admin/dead-letters, fix the cause, then POST .../{processingGroup}/retry");
        }
        return Health.up().withDetails(details).build();
    }
}
