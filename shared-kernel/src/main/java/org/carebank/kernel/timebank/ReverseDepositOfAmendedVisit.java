package org.carebank.kernel.timebank;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/**
 * An approved amendment left a visit fewer unused minutes than were banked from it: the bank takes back the excess
 * with a ledger line naming the amendment (visit maintenance, never silently). Sent by the service, not by callers;
 * safe to repeat (one line per amendment).
 */
public record ReverseDepositOfAmendedVisit(
        String clientRef, String visitId, String amendmentId, int unusedMinutesNow, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.timeBank(clientRef);
    }
}
