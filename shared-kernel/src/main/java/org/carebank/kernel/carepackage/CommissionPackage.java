package org.carebank.kernel.carepackage;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

public record CommissionPackage(
        String packageId,
        String clientRef,
        String zone,
        int weeklyMinutes,
        int hourlyRatePence,
        boolean timeBanking,
        LocalDate startsOn,
        LocalDate endsOn) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.carePackage(packageId);
    }
}
