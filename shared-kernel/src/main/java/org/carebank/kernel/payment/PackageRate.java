package org.carebank.kernel.payment;

import java.time.LocalDate;

/**
 * One hourly rate of a package with the date it applies from; {@code rateId} names the event that set it (the
 * commissioned rate is {@link #COMMISSIONED}, a review's rate is the review id).
 */
public record PackageRate(String rateId, int hourlyRatePence, LocalDate effectiveFrom, String reason) {

    public static final String COMMISSIONED = "commissioned";
}
