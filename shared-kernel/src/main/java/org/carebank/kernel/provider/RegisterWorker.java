package org.carebank.kernel.provider;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** Workers are registered under their employer, so the provider aggregate is the target. */
public record RegisterWorker(
        String providerId, String workerId, ContractType contractType, TravelMode travelMode, int hourlyPayPence) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
