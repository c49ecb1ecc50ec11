package org.carebank.kernel.carepackage;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The council commissioned care for one client; {@code clientRef} is a council reference, never a name. */
@Revision("1")
public record PackageCommissioned(
        String packageId,
        String clientRef,
        String zone,
        int weeklyMinutes,
        int hourlyRatePence,
        boolean timeBanking,
        LocalDate startsOn,
        LocalDate endsOn) {}
