package org.carebank.kernel.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.Location;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PaymentRulesTest {

    private static final LocalDate APRIL_1 = LocalDate.parse("2027-04-01");
    private static final List<PackageRate> RATES = List.of(
            new PackageRate(PackageRate.COMMISSIONED, 2400, LocalDate.parse("2026-11-01"), "commissioned"),
            new PackageRate("r-2027", 2561, APRIL_1, "NLW April 2027"));

    @Test
    @DisplayName("the rate in force: the day before a new rate keeps the old one, its first day has the new one")
    void rateInForceAtTheBoundaryDay() {
        assertThat(EffectiveDates.inForceOn(RATES, PackageRate::effectiveFrom, APRIL_1.minusDays(1)))
                .map(PackageRate::hourlyRatePence)
                .contains(2400);
        assertThat(EffectiveDates.inForceOn(RATES, PackageRate::effectiveFrom, APRIL_1))
                .map(PackageRate::hourlyRatePence)
                .contains(2561);
        assertThat(EffectiveDates.inForceOn(RATES, PackageRate::effectiveFrom, LocalDate.parse("2026-10-01")))
                .map(PackageRate::rateId)
                .contains(PackageRate.COMMISSIONED);
    }

    @Test
    @DisplayName("of two rates from the same date, the one recorded later is in force")
    void laterRecordedWinsOnTheSameDate() {
        var rates = List.of(RATES.get(0), RATES.get(1), new PackageRate("fix", 2570, APRIL_1, "correction"));
        assertThat(EffectiveDates.inForceOn(rates, PackageRate::effectiveFrom, APRIL_1))
                .map(PackageRate::rateId)
                .contains("fix");
    }

    @Test
    @DisplayName("an uplift rounds to the penny half up: 2400 by 6.7% is 2561, 1494 by 2.5% is 1531 (1531.35)")
    void upliftRoundsHalfUp() {
        assertThat(RateUplift.uplift(2400, new BigDecimal("6.7"))).isEqualTo(2561); // 2560.8
        assertThat(RateUplift.uplift(1494, new BigDecimal("2.5"))).isEqualTo(1531); // 1531.35
        assertThat(RateUplift.uplift(1000, new BigDecimal("0.05"))).isEqualTo(1001); // 1000.5 -> up
        assertThat(RateUplift.uplift(1000, new BigDecimal("0.04"))).isEqualTo(1000); // 1000.4 -> down
    }

    @Test
    @DisplayName("ROUNDED bills whole units past the tolerance, and a minimum raises short visits")
    void billingTerms() {
        var rounded = new BillingTerms(BillingRule.ROUNDED, 15, 7, 0);
        assertThat(rounded.billableMinutes(37)).isEqualTo(30);
        assertThat(rounded.billableMinutes(38)).isEqualTo(45);
        var minimum = new BillingTerms(BillingRule.ACTUAL, 0, 0, 30);
        assertThat(minimum.billableMinutes(20)).isEqualTo(30);
        assertThat(minimum.billableMinutes(0)).isZero();
        assertThat(minimum.bill(45, 1850).billablePence()).isEqualTo(1388); // 1387.5 half up
    }

    @Test
    @DisplayName("exceptions: manual ends, no check-out, over plan past the tolerance, check-in far from the client")
    void deliveryChecks() {
        var checks = new DeliveryChecks(15, 250);
        var home = new Location(51.5000, -0.1000);
        assertThat(checks.exceptions(EcmMethod.APP_GPS, EcmMethod.TELEPHONY, 60, 75, home, home))
                .isEmpty();
        assertThat(checks.exceptions(EcmMethod.APP_GPS, EcmMethod.APP_GPS, 60, 76, home, home))
                .containsExactly(VisitException.DURATION_OVER_PLAN);
        assertThat(checks.exceptions(EcmMethod.MANUAL, EcmMethod.MANUAL, 60, 60, null, null))
                .containsExactly(VisitException.MANUAL_CHECK_IN, VisitException.MANUAL_CHECK_OUT);
        assertThat(checks.exceptions(null, null, 60, 60, null, null))
                .containsExactly(VisitException.MANUAL_CHECK_IN, VisitException.NO_CHECK_OUT);
        // 0.003 degrees of latitude is about 334 m
        assertThat(checks.exceptions(EcmMethod.APP_GPS, EcmMethod.APP_GPS, 60, 60, home, new Location(51.503, -0.1)))
                .containsExactly(VisitException.LOCATION_FAR_FROM_CLIENT);
    }

    @Test
    @DisplayName("a draw-down covering the minutes over plan clears DURATION_OVER_PLAN and is recorded on the line")
    void drawDownMakesExtraMinutesBillable() {
        var over = facts(60, 90, List.of(VisitException.DURATION_OVER_PLAN), false, 20);
        assertThat(over.hold()).contains(HoldReason.EXCEPTION);
        var covered = facts(60, 90, List.of(VisitException.DURATION_OVER_PLAN), false, 30);
        assertThat(covered.hold()).isEmpty();
        assertThat(covered.drawnFromBankMinutes()).isEqualTo(30);
        assertThat(covered.verification()).isEqualTo(Verification.EXCEPTION); // as recorded; the hold is released
    }

    @Test
    @DisplayName("a statement's lines: held visits left off, a changed paid visit adjusted, totals the sum of lines")
    void statementDraft() {
        var terms = new StatementDraft.Terms(p -> RATES, List.of(), BillingTerms.ACTUAL);
        var paidOne = facts(60, 60, List.of(), false, 0);
        var held = new PaymentFacts(
                "v-2",
                "P",
                "C",
                "pkg",
                LocalDate.parse("2027-04-02"),
                60,
                60,
                List.of(VisitException.NO_CHECK_OUT),
                false,
                0,
                false);
        // v-1 was paid 60 minutes at 2400 (2400p) on s-1; it is planned on 2 April, so the new rate applies now
        var paid = Map.of("v-1", new PaidVisit("s-1/v-1", 60, 60, 2400));
        var lines = StatementDraft.lines("s-2", LocalDate.parse("2027-04-30"), List.of(paidOne, held), terms, paid);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.adjustmentOf()).isEqualTo("s-1/v-1");
            assertThat(line.amountPence()).isEqualTo(161); // 2561 - 2400
            assertThat(line.billableMinutes()).isZero();
        });
        var issued = StatementDraft.issued(
                new org.carebank.kernel.payment.IssueStatement(
                        "P", "s-2", LocalDate.parse("2027-04-01"), LocalDate.parse("2027-04-30"), null),
                lines);
        assertThat(issued.payablePence()).isEqualTo(161);
        assertThat(issued.visits()).isEqualTo(1);
    }

    private static PaymentFacts facts(
            int planned, int delivered, List<VisitException> exceptions, boolean accepted, int drawn) {
        return new PaymentFacts(
                "v-1",
                "P",
                "C",
                "pkg",
                LocalDate.parse("2027-04-02"),
                planned,
                delivered,
                exceptions,
                accepted,
                drawn,
                false);
    }
}
