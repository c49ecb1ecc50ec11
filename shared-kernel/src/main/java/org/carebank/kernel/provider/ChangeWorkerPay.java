package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** A worker's hourly pay from a date on: how a pay rise (or a correction) is recorded, never by re-registering. */
public record ChangeWorkerPay(String providerId, String workerId, int hourlyPayPence, LocalDate effectiveFrom) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
