package org.carebank.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.payment.RatesReviewed;
import org.carebank.kernel.payment.ReviewRates;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;

/**
 * One annual rate review, recorded as one {@link RatesReviewed} carrying every package's new rate: the review is one
 * fact an auditor reads whole, and a retry with the same review id is recognised (ADR 0015).
 */
@Aggregate
class RateReview {

    @AggregateIdentifier
    private String streamId;

    private ReviewRates review;
    private int packagesUplifted;

    protected RateReview() {}

    int packagesUplifted() {
        return packagesUplifted;
    }

    /** Called by {@link RateReviewing} with each package in scope and its new rate. */
    CommandOutcome review(ReviewRates command, List<RatesReviewed.ReviewedRate> rates) {
        if (review != null) {
            if (review.equals(command)) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "review-id-reused",
                            "Rate review " + command.reviewId() + " is recorded with other details.")
                    .exception();
        }
        apply(new RatesReviewed(
                command.reviewId(),
                command.effectiveFrom(),
                command.upliftPercent(),
                command.basis(),
                command.zone(),
                command.providerId(),
                rates));
        return CommandOutcome.RECORDED;
    }

    @EventSourcingHandler
    void on(RatesReviewed event) {
        streamId = StreamIds.rateReview(event.reviewId());
        review = new ReviewRates(
                event.reviewId(),
                event.effectiveFrom(),
                event.upliftPercent(),
                event.basis(),
                event.zone(),
                event.providerId());
        packagesUplifted = event.rates().size();
    }
}
