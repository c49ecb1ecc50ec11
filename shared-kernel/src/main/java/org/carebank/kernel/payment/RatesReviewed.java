package org.carebank.kernel.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A rate review, as one fact: its scope and basis, and each package's new rate from {@code effectiveFrom} (the rate in
 * force on that date, uplifted, half up to the penny). The rate's id on each package is the review id.
 */
@Revision("1")
public record RatesReviewed(
        String reviewId,
        LocalDate effectiveFrom,
        BigDecimal upliftPercent,
        String basis,
        String zone,
        String providerId,
        List<ReviewedRate> rates) {

    public record ReviewedRate(String packageId, int previousRatePence, int hourlyRatePence) {}
}
