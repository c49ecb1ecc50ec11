package org.carebank.kernel.visit;

import java.util.List;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Many visits scheduled in one unit of work (the bulk roster path): each line is checked by the same rules as a single
 * {@link ScheduleVisit} and answered on its own, and the lines that pass are stored together in one transaction. A
 * line refused by a rule does not stop the others.
 */
public record ScheduleRoster(List<ScheduleVisit> visits) {

    public ScheduleRoster {
        if (visits == null || visits.isEmpty()) {
            throw new IllegalArgumentException("a roster has at least one visit");
        }
        visits = List.copyOf(visits);
    }

    /** Retries of the same roster reach the same node; which node that is does not matter otherwise. */
    @RoutingKey
    public String routingKey() {
        return visits.get(0).streamId();
    }
}
