package org.carebank.command.lookup;

import org.carebank.kernel.carepackage.PackageStatus;

/** What scheduling needs to know about a care package, kept on the command side. */
public record PackageFacts(
        String packageId,
        String clientRef,
        String zone,
        PackageStatus status,
        String providerId,
        int hourlyRatePence,
        boolean timeBanking) {}
