package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** {@code requestedAt} is when the service received the request: a visit whose missed moment is past is missed now. */
public record ScheduleVisit(String visitId, VisitPlan plan, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
