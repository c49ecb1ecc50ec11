package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council accepts an open amendment: the visit and every figure follow its times. */
public record ApproveVisitAmendment(String visitId, String amendmentId, String note, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
