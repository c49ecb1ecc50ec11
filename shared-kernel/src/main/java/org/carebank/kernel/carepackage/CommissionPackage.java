package org.carebank.kernel.carepackage;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CommissionPackage(
        @TargetAggregateIdentifier String packageId,
        String clientRef,
        String zone,
        int weeklyMinutes,
        int hourlyRatePence,
        boolean timeBanking,
        LocalDate startsOn,
        LocalDate endsOn) {}
