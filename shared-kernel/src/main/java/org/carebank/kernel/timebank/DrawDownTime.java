package org.carebank.kernel.timebank;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** Spend banked minutes on a flexible visit or activity the client chose; {@code withdrawalId} makes a retry safe. */
public record DrawDownTime(
        String clientRef, String withdrawalId, int minutes, String purpose, String visitId, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeBank(clientRef);
    }
}
