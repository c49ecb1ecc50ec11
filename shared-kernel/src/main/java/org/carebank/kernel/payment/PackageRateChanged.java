package org.carebank.kernel.payment;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A package's hourly rate from a date on: visits planned on or after it are billed at it until the next one. */
@Revision("1")
public record PackageRateChanged(
        String packageId, String rateId, int hourlyRatePence, LocalDate effectiveFrom, String reason) {}
