package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** Delivered minutes reported without electronic call monitoring; a reason is required. */
public record RecordDelivery(
        String visitId, Instant startedAt, int deliveredMinutes, boolean endedEarlyAtClientRequest, String reason) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
