package org.carebank.command.payment;

import static org.carebank.command.Refusals.refusedWith;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.command.lookup.StubPaymentLookups;
import org.carebank.command.visit.BillingPolicy;
import org.carebank.kernel.payment.BillingTerms;
import org.carebank.kernel.payment.IssueStatement;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.PaymentFacts;
import org.carebank.kernel.payment.ProviderBillingRule;
import org.carebank.kernel.payment.StatementIssued;
import org.carebank.kernel.payment.StatementLine;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.visit.BillingRule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProviderStatementsTest {

    private static final String ACME = "P-ACME";
    private static final String PACKAGE = "PKG-1";
    private static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");
    private static final LocalDate NOV_30 = LocalDate.parse("2026-11-30");
    private static final LocalDate DEC_1 = LocalDate.parse("2026-12-01");
    private static final LocalDate DEC_31 = LocalDate.parse("2026-12-31");
    private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");

    private StubPaymentLookups payments;
    private AggregateTestFixture<ProviderStatements> fixture;

    @BeforeEach
    void setUp() {
        payments = new StubPaymentLookups()
                .rate(PACKAGE, new PackageRate(PackageRate.COMMISSIONED, 2400, NOV_1, "commissioned"));
        fixture = new AggregateTestFixture<>(ProviderStatements.class);
        fixture.registerAnnotatedCommandHandler(new StatementIssuing(
                fixture.getRepository(),
                new StubCommandLookups().provider(ACME, ListStatus.ADMITTED),
                payments,
                BillingPolicy.actual()));
    }

    private static PaymentFacts visit(String visitId, String date, int delivered, VisitException... exceptions) {
        return new PaymentFacts(
                visitId,
                ACME,
                "CL-1",
                PACKAGE,
                LocalDate.parse(date),
                60,
                delivered,
                List.of(exceptions),
                false,
                0,
                false);
    }

    private static IssueStatement issue(String statementId, LocalDate from, LocalDate to) {
        return new IssueStatement(ACME, statementId, from, to, ISSUED);
    }

    private static StatementLine line(String visitId, String date, int minutes, int rate, long pence, String of) {
        return new StatementLine(
                visitId,
                "CL-1",
                PACKAGE,
                LocalDate.parse(date),
                minutes,
                minutes,
                rate,
                pence,
                BillingRule.ACTUAL,
                0,
                0,
                0,
                rate == 2400 ? PackageRate.COMMISSIONED : "r-2",
                null,
                0,
                of);
    }

    private StatementIssued issuedNovember() {
        var lines = List.of(line("v-1", "2026-11-10", 60, 2400, 2400, null));
        return new StatementIssued("s-nov", ACME, NOV_1, NOV_30, ISSUED, 1, 60, 2400, lines);
    }

    @Test
    @DisplayName("a statement pays each delivered visit planned on or before its end, at the rate in force")
    void issuesLines() {
        payments.visit(visit("v-1", "2026-11-10", 60)).visit(visit("v-9", "2026-12-02", 60));
        fixture.givenNoPriorActivity()
                .when(issue("s-nov", NOV_1, NOV_30))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(issuedNovember());
    }

    @Test
    @DisplayName("a held visit stays off the statement, and comes onto the first one after it is accepted")
    void heldVisitWaits() {
        payments.visit(visit("v-1", "2026-11-10", 60))
                .visit(visit("v-2", "2026-11-12", 45, VisitException.MANUAL_CHECK_OUT));
        fixture.givenNoPriorActivity().when(issue("s-nov", NOV_1, NOV_30)).expectEvents(issuedNovember());

        var accepted = new PaymentFacts(
                "v-2",
                ACME,
                "CL-1",
                PACKAGE,
                LocalDate.parse("2026-11-12"),
                60,
                45,
                List.of(VisitException.MANUAL_CHECK_OUT),
                true,
                0,
                false);
        payments.visit(accepted);
        var late = line("v-2", "2026-11-12", 45, 2400, 1800, null);
        fixture.given(issuedNovember())
                .when(issue("s-dec", DEC_1, DEC_31))
                .expectEvents(new StatementIssued("s-dec", ACME, DEC_1, DEC_31, ISSUED, 1, 45, 1800, List.of(late)));
    }

    @Test
    @DisplayName("a visit is never on two statements: a paid visit that has not changed is not paid again")
    void neverPaidTwice() {
        payments.visit(visit("v-1", "2026-11-10", 60));
        fixture.given(issuedNovember())
                .when(issue("s-dec", DEC_1, DEC_31))
                .expectEvents(new StatementIssued("s-dec", ACME, DEC_1, DEC_31, ISSUED, 0, 0, 0, List.of()));
    }

    @Test
    @DisplayName("a paid visit whose rate changes gets an adjustment line on the next statement, naming its line")
    void paidThenChangedIsAdjusted() {
        payments.visit(visit("v-1", "2026-11-10", 60))
                .rate(PACKAGE, new PackageRate("r-2", 2561, LocalDate.parse("2026-11-10"), "backdated uplift"));
        var adjustment = new StatementLine(
                "v-1",
                "CL-1",
                PACKAGE,
                LocalDate.parse("2026-11-10"),
                0,
                0,
                2561,
                161,
                BillingRule.ACTUAL,
                0,
                0,
                0,
                "r-2",
                null,
                0,
                "s-nov/v-1");
        fixture.given(issuedNovember())
                .when(issue("s-dec", DEC_1, DEC_31))
                .expectEvents(
                        new StatementIssued("s-dec", ACME, DEC_1, DEC_31, ISSUED, 1, 0, 161, List.of(adjustment)));
    }

    @Test
    @DisplayName("a statement period overlapping an earlier one, by one day, is refused with 422")
    void overlappingPeriodRefused() {
        fixture.given(issuedNovember())
                .when(issue("s-late", NOV_30, DEC_31))
                .expectException(refusedWith("statement-period-overlaps", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("the period right after the last one is not an overlap; the same statement again is a repeat")
    void adjacentPeriodAndRepeat() {
        fixture.given(issuedNovember())
                .when(issue("s-nov", NOV_1, NOV_30))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(issuedNovember())
                .when(issue("s-dec", DEC_1, DEC_31))
                .expectResultMessagePayload(CommandOutcome.RECORDED);
        fixture.given(issuedNovember())
                .when(issue("s-nov", DEC_1, DEC_31))
                .expectException(refusedWith("statement-id-reused", 409));
    }

    @Test
    @DisplayName("a billing rule from mid-period bills the visits before it by the default, those from its date by it")
    void ruleChangeMidPeriod() {
        payments.visit(visit("v-1", "2026-11-14", 37))
                .visit(visit("v-2", "2026-11-15", 37))
                .rule(
                        ACME,
                        new ProviderBillingRule(
                                new BillingTerms(BillingRule.ROUNDED, 15, 7, 0), LocalDate.parse("2026-11-15")));
        var before = line("v-1", "2026-11-14", 37, 2400, 1480, null); // 37 min at 24.00/h, ACTUAL (the default)
        var from = new StatementLine(
                "v-2",
                "CL-1",
                PACKAGE,
                LocalDate.parse("2026-11-15"),
                37,
                30,
                2400,
                1200,
                BillingRule.ROUNDED,
                15,
                7,
                0,
                PackageRate.COMMISSIONED,
                LocalDate.parse("2026-11-15"),
                0,
                null); // 37 rounds down to 30
        fixture.givenNoPriorActivity()
                .when(issue("s-nov", NOV_1, NOV_30))
                .expectEvents(
                        new StatementIssued("s-nov", ACME, NOV_1, NOV_30, ISSUED, 2, 67, 2680, List.of(before, from)));
    }
}
