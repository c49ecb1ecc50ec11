package org.carebank.kernel.payment;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council sets the billing rule for a provider's visits planned on or after {@code effectiveFrom}. */
public record SetBillingRule(String providerId, BillingTerms terms, LocalDate effectiveFrom) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
