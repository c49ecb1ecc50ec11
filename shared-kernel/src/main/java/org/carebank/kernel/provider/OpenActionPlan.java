package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council opens an improvement plan for a provider rated Requires Improvement; {@code openedOn} is today. */
public record OpenActionPlan(String providerId, String planId, String reason, LocalDate dueBy, LocalDate openedOn) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
