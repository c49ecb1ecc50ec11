package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council records that the provider completed the plan; {@code completedOn} is today. */
public record CompleteActionPlan(String providerId, String planId, LocalDate completedOn) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
