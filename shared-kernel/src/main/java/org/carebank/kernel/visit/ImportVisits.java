package org.carebank.kernel.visit;

import java.util.List;
import org.axonframework.commandhandling.RoutingKey;

/** A chunk of an import: its visits are recorded in one unit of work, each line refused or recorded on its own. */
public record ImportVisits(List<ImportVisit> visits) {

    public ImportVisits {
        if (visits == null || visits.isEmpty()) {
            throw new IllegalArgumentException("an import chunk has at least one visit");
        }
        visits = List.copyOf(visits);
    }

    /** Retries of the same chunk reach the same node; which node that is does not matter otherwise. */
    @RoutingKey
    public String routingKey() {
        return visits.get(0).streamId();
    }
}
