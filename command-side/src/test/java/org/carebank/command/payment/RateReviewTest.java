package org.carebank.command.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubPaymentLookups;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.RatesReviewed;
import org.carebank.kernel.payment.RatesReviewed.ReviewedRate;
import org.carebank.kernel.payment.ReviewRates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateReviewTest {

    private static final LocalDate APRIL_1 = LocalDate.parse("2027-04-01");
    private static final BigDecimal NLW = new BigDecimal("6.7");

    private AggregateTestFixture<RateReview> fixture;

    @BeforeEach
    void setUp() {
        var payments = new StubPaymentLookups()
                .activePackage("PKG-N1", "NORTH", "P-ACME", commissioned(2400))
                // a rate from the review's own date is the one in force on it, and is the one uplifted
                .activePackage(
                        "PKG-N2",
                        "NORTH",
                        "P-BRIGHT",
                        commissioned(1494),
                        new PackageRate("r-apr", 1500, APRIL_1, "agreed"),
                        new PackageRate("r-may", 1600, APRIL_1.plusDays(30), "agreed"))
                .activePackage("PKG-S1", "SOUTH", "P-ACME", commissioned(2000));
        fixture = new AggregateTestFixture<>(RateReview.class);
        fixture.registerAnnotatedCommandHandler(new RateReviewing(fixture.getRepository(), payments));
    }

    private static PackageRate commissioned(int pence) {
        return new PackageRate(PackageRate.COMMISSIONED, pence, LocalDate.parse("2026-11-01"), "commissioned");
    }

    @Test
    @DisplayName("a review of a zone uplifts each of its active packages' rate in force on the date, half up")
    void reviewsAZone() {
        var command = new ReviewRates("rr-2027", APRIL_1, NLW, "NLW April 2027", "NORTH", null);
        fixture.givenNoPriorActivity()
                .when(command)
                .expectResultMessagePayload(new org.carebank.kernel.payment.RateReviewReceipt(2, false))
                .expectEvents(new RatesReviewed(
                        "rr-2027",
                        APRIL_1,
                        NLW,
                        "NLW April 2027",
                        "NORTH",
                        null,
                        // 2400 x 1.067 = 2560.8 -> 2561; 1500 x 1.067 = 1600.5 -> 1601 (half up)
                        List.of(new ReviewedRate("PKG-N1", 2400, 2561), new ReviewedRate("PKG-N2", 1500, 1601))));
    }

    @Test
    @DisplayName("a review of one provider across zones; the same review again is a repeat, another body a conflict")
    void reviewsAProviderAndRepeats() {
        var command = new ReviewRates("rr-acme", APRIL_1, NLW, "NLW April 2027", null, "P-ACME");
        var reviewed = new RatesReviewed(
                "rr-acme",
                APRIL_1,
                NLW,
                "NLW April 2027",
                null,
                "P-ACME",
                List.of(new ReviewedRate("PKG-N1", 2400, 2561), new ReviewedRate("PKG-S1", 2000, 2134)));
        fixture.givenNoPriorActivity().when(command).expectEvents(reviewed);
        fixture.given(reviewed)
                .when(command)
                .expectResultMessagePayload(new org.carebank.kernel.payment.RateReviewReceipt(2, true))
                .expectNoEvents();
        fixture.given(reviewed)
                .when(new ReviewRates("rr-acme", APRIL_1, new BigDecimal("5"), "other", null, "P-ACME"))
                .expectException(org.carebank.command.Refusals.refusedWith("review-id-reused", 409));
    }
}
