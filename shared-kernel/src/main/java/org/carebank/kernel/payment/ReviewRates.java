package org.carebank.kernel.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/**
 * The council's annual rate review: every active package in scope (all when {@code zone} and {@code providerId} are
 * null) is uplifted by {@code upliftPercent} from {@code effectiveFrom}, on the stated {@code basis}.
 */
public record ReviewRates(
        String reviewId,
        LocalDate effectiveFrom,
        BigDecimal upliftPercent,
        String basis,
        String zone,
        String providerId) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.rateReview(reviewId);
    }
}
