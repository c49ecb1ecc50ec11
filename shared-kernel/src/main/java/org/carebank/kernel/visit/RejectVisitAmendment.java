package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council refuses an open amendment: the visit keeps its recorded times. */
public record RejectVisitAmendment(String visitId, String amendmentId, String reason, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
