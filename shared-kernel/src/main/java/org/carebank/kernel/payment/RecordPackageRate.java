package org.carebank.kernel.payment;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council sets a package's hourly rate from a date; {@code rateId} makes a retry safe. */
public record RecordPackageRate(
        String packageId, String rateId, int hourlyRatePence, LocalDate effectiveFrom, String reason) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.carePackage(packageId);
    }
}
