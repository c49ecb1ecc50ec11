package org.carebank.kernel.payment;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council accepts a delivered visit's exceptions, with a note, so that it becomes payable. */
public record AcceptVisitExceptions(String visitId, String note, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
