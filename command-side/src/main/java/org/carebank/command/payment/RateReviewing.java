package org.carebank.command.payment;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.carebank.command.lookup.PaymentLookups;
import org.carebank.kernel.payment.EffectiveDates;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.RateReviewReceipt;
import org.carebank.kernel.payment.RateUplift;
import org.carebank.kernel.payment.RatesReviewed;
import org.carebank.kernel.payment.ReviewRates;
import org.carebank.kernel.refusal.CommandOutcome;
import org.springframework.stereotype.Component;

/**
 * A rate review reads the active packages in scope and the rate each has in force on the review's date from the
 * payment lookups, and uplifts it (half up to the penny); {@link RateReview} records the result as one event.
 */
@Component
class RateReviewing {

    private final Repository<RateReview> reviews;
    private final PaymentLookups payments;

    RateReviewing(Repository<RateReview> reviews, PaymentLookups payments) {
        this.reviews = reviews;
        this.payments = payments;
    }

    @CommandHandler
    RateReviewReceipt handle(ReviewRates command) throws Exception {
        var review = reviews.loadOrCreate(command.streamId(), RateReview::new);
        var packages = payments.activePackages(command.zone(), command.providerId());
        var rates = payments.packageRates(
                packages.stream().map(PaymentLookups.ActivePackage::packageId).toList());
        List<RatesReviewed.ReviewedRate> uplifted = packages.stream()
                .flatMap(p -> EffectiveDates.inForceOn(
                        rates.getOrDefault(p.packageId(), List.of()),
                        PackageRate::effectiveFrom,
                        command.effectiveFrom())
                        .map(rate -> new RatesReviewed.ReviewedRate(
                                p.packageId(),
                                rate.hourlyRatePence(),
                                RateUplift.uplift(rate.hourlyRatePence(), command.upliftPercent())))
                        .stream())
                .toList();
        var outcome = review.invoke(r -> r.review(command, uplifted));
        return new RateReviewReceipt(
                review.invoke(RateReview::packagesUplifted), outcome == CommandOutcome.ALREADY_RECORDED);
    }
}
