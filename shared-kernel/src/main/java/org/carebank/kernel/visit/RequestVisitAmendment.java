package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/**
 * Correct a visit's record: new check-in and/or check-out times (a time left out keeps the recorded one), whether
 * the client ended it early, or that it was not delivered at all. {@code endedEarlyAtClientRequest} null keeps what
 * was recorded.
 */
public record RequestVisitAmendment(
        String visitId,
        String amendmentId,
        Instant checkedInAt,
        Instant checkedOutAt,
        Boolean endedEarlyAtClientRequest,
        boolean notDelivered,
        AmendmentReason reasonCode,
        String note,
        Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
