package org.carebank.kernel.timebank;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** Bank minutes of one visit the client ended early, with the client's consent ({@code consentBy}: who confirmed). */
public record BankUnusedTime(String clientRef, String visitId, int minutes, String consentBy, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeBank(clientRef);
    }
}
