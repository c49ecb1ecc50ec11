package org.carebank.kernel.provider;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Workers are registered under their employer, so the provider aggregate is the target. */
public record RegisterWorker(
        @TargetAggregateIdentifier String providerId,
        String workerId,
        ContractType contractType,
        TravelMode travelMode,
        int hourlyPayPence) {}
