package org.carebank.kernel.timebank;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** A council correction: signed minutes with a reason. */
public record AdjustTimeBank(String clientRef, String adjustmentId, int minutes, String reason, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeBank(clientRef);
    }
}
