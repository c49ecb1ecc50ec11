package org.carebank.query.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.accepted;
import static org.carebank.query.testing.CareEvents.commissioned;
import static org.carebank.query.testing.CareEvents.offered;
import static org.carebank.query.testing.CareEvents.providerAdmitted;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.provider.ActionPlanCompleted;
import org.carebank.kernel.provider.ActionPlanOpened;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.LeavingReason;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.provider.WorkerLeft;
import org.carebank.query.alert.AlertResponses;
import org.carebank.query.payment.ProviderCosts;
import org.carebank.query.performance.PerformanceQueries.WorkerIssues;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.testing.CareEvents;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.NovemberAtSunrise;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The performance view of {@link NovemberAtSunrise}, each figure worked out by hand. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ProviderPerformanceTest {

    private static final DatePeriod NOVEMBER = new DatePeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));

    @Parameter
    TestDatabase.Kind database;

    private ProviderPerformances performances;
    private EventFeed feed;

    @BeforeEach
    void november() {
        var jdbc = TestDatabase.shared(database);
        feed = new EventFeed(PerformanceTestKit.projection(jdbc));
        feed.reset();
        NovemberAtSunrise.happen(feed);
        performances = new ProviderPerformances(
                PerformanceTestKit.queries(jdbc),
                new AlertResponses(jdbc, DashboardCalendar.london()),
                ProviderCosts.underActualBilling(jdbc));
    }

    @Test
    @DisplayName(
            "turnover in November: 3 at the start, 3 at the end, 1 leaver: 1 / 3 = 33.3%; action plans with status")
    void workforceAndActionPlans() {
        feed.at("2026-10-15T09:00:00Z")
                .given(
                        CareEvents.providerAdmitted("river", "north"),
                        CareEvents.worker("river", "r1", ContractType.ZERO_HOURS, TravelMode.CAR, 1300),
                        CareEvents.worker("river", "r2", ContractType.ZERO_HOURS, TravelMode.CAR, 1300),
                        CareEvents.worker("river", "r3", ContractType.ZERO_HOURS, TravelMode.CAR, 1300),
                        CareEvents.worker("river", "r4", ContractType.ZERO_HOURS, TravelMode.CAR, 1300));
        feed.at("2026-11-10T09:00:00Z")
                .given(CareEvents.worker("river", "r5", ContractType.ZERO_HOURS, TravelMode.CAR, 1300));
        // r3 left before November, r1 during it, r2 after it
        feed.given(
                new WorkerLeft("river", "r3", LocalDate.of(2026, 10, 20), LeavingReason.RESIGNED),
                new WorkerLeft("river", "r1", LocalDate.of(2026, 11, 5), LeavingReason.DISMISSED),
                new WorkerLeft("river", "r2", LocalDate.of(2026, 12, 3), LeavingReason.RETIRED));
        var due = LocalDate.now(org.carebank.kernel.UkDates.LONDON);
        feed.given(
                new ActionPlanOpened(
                        "river",
                        "AP-1",
                        "staffing",
                        due.minusDays(1),
                        due.minusDays(30),
                        CqcRating.REQUIRES_IMPROVEMENT),
                new ActionPlanOpened(
                        "river", "AP-2", "training", due, due.minusDays(30), CqcRating.REQUIRES_IMPROVEMENT),
                new ActionPlanOpened(
                        "river",
                        "AP-3",
                        "records",
                        due.minusDays(5),
                        due.minusDays(30),
                        CqcRating.REQUIRES_IMPROVEMENT),
                new ActionPlanCompleted("river", "AP-3", due.minusDays(4), true));

        var river = performances.of(NOVEMBER, "river").get(0);
        assertThat(river.workforce())
                .isEqualTo(new PerformanceQueries.Workforce(3, 3, 1, new java.math.BigDecimal("33.3")));
        assertThat(river.actionPlans())
                .extracting(PerformanceQueries.ActionPlan::planId, PerformanceQueries.ActionPlan::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("AP-1", "OVERDUE"),
                        org.assertj.core.groups.Tuple.tuple("AP-2", "OPEN"),
                        org.assertj.core.groups.Tuple.tuple("AP-3", "COMPLETED"));
        assertThat(performances.of(NOVEMBER, "sunrise").get(0).workforce().leavers())
                .isZero();
    }

    @Test
    @DisplayName("sunrise in November: every figure of the performance view")
    void sunriseNovember() {
        var sunrise = performances.of(NOVEMBER, "sunrise").get(0);

        assertThat(sunrise.listStatus()).isEqualTo(ListStatus.SUSPENDED);
        assertThat(sunrise.cqcOverall()).isEqualTo(CqcRating.REQUIRES_IMPROVEMENT);
        assertThat(sunrise.cqcWellLed()).isEqualTo(CqcRating.GOOD);

        // a1-a9, b1-b4, c1-c3 and x3 (23:30 on 30 Nov); x1 (31 Oct) and x2 (1 Dec local) are outside: 17
        assertThat(sunrise.visitsScheduled()).isEqualTo(17);
        // a1 a2 a3 a5 a6 b1 b2 b3 c1 c2 c3 x3
        assertThat(sunrise.visitsDelivered()).isEqualTo(12);
        assertThat(sunrise.visitsMissed())
                .as("a4; a6 was delivered after its alert")
                .isEqualTo(1);
        assertThat(sunrise.missedAlerts()).as("a4 and a6").isEqualTo(2);
        assertThat(sunrise.visitsLate()).as("a2, a3, a6").isEqualTo(3);
        assertThat(sunrise.visitsShort())
                .as("a3: 45 of 60 < 85%; c1 ended early at the client's request")
                .isEqualTo(1);
        assertThat(sunrise.visitsCancelled()).as("a7 a8 a9").isEqualTo(3);
        assertThat(sunrise.cancelledByProvider()).as("a7 a8").isEqualTo(2);
        assertThat(sunrise.cancelledByProviderAtShortNotice())
                .as("a7, 120 min < 24 h")
                .isEqualTo(1);
        // on time = delivered − late = 12 − 3 = 9, of due = delivered + missed = 13: 69.23 %
        assertThat(sunrise.onTimeRatePercent()).isEqualByComparingTo("69.2");
        // planned, not cancelled: a1-a6 6×60 = 360, b1-b4 10+20+30+30 = 90, c1-c3 45+30+30 = 105, x3 30 → 585
        assertThat(sunrise.plannedMinutes()).isEqualTo(585);
        // delivered: 60+60+45+60+60 (a) + 10+20+30 (b) + 20+30+30 (c) + 30 (x3) = 455
        assertThat(sunrise.deliveredMinutes()).isEqualTo(455);
        // A 420×30/7 = 1800, B 210×15/7 = 450 (from 16 Nov), C 140×10/7 = 200 (until 10 Nov)
        assertThat(sunrise.commissionedMinutes()).isEqualTo(2450);
        assertThat(sunrise.visitsPlannedUnder30Minutes()).as("b1 (10), b2 (20)").isEqualTo(2);

        // C-A: ann 4, bob 1; C-B: bob 2, cat 1; C-C: cat 3, bob 1 → 6 client-workers over 3 clients = 2.00;
        // main workers 4+2+3 = 9 of 12 delivered visits = 75.0 %
        assertThat(sunrise.continuity())
                .isEqualTo(new ProviderPerformance.ContinuityView(3, new BigDecimal("2.00"), new BigDecimal("75.0")));

        // offers 3 Nov (B) and 20 Nov (D); A's offer was in October. B accepted; D declined; C handed back.
        assertThat(sunrise.packages())
                .isEqualTo(new ProviderPerformance.Packages(
                        2,
                        1,
                        1,
                        Map.of(DeclineReason.NO_CAPACITY, 0, DeclineReason.NO_COVERAGE, 1, DeclineReason.OTHER, 0),
                        1));

        // ann: 1 missed (a4) + 3 late (a2 a3 a6) = 4 ≥ 3
        assertThat(sunrise.workersWithRepeatedIssues()).containsExactly(new WorkerIssues("ann", 1, 3));
    }

    @Test
    @DisplayName("the side-by-side list has a row per provider, the quiet ones included")
    void everyProvider() {
        var rows = performances.of(NOVEMBER, null);
        assertThat(rows).extracting(ProviderPerformance::providerId).containsExactly("dawn", "sunrise");
        var dawn = rows.get(0);
        assertThat(dawn.visitsScheduled()).isEqualTo(1);
        assertThat(dawn.onTimeRatePercent()).isEqualByComparingTo("100.0");
        assertThat(dawn.packages().offered()).isEqualTo(1);
        assertThat(dawn.packages().declinedByReason()).containsEntry(DeclineReason.NO_CAPACITY, 1);
        assertThat(dawn.commissionedMinutes()).isZero();
        assertThat(rows.get(1)).isEqualTo(performances.of(NOVEMBER, "sunrise").get(0));

        // October: only x1 for sunrise (delivered on time), and package C held from 1 Oct and A from 5 Oct:
        // C 140×31/7 = 620, A 420×27/7 = 1620 → 2240
        var october = new DatePeriod(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
        var sunriseOctober = performances.of(october, "sunrise").get(0);
        assertThat(sunriseOctober.visitsScheduled()).isEqualTo(1);
        assertThat(sunriseOctober.commissionedMinutes()).isEqualTo(2240);
        assertThat(sunriseOctober.workersWithRepeatedIssues()).isEmpty();
    }

    @Test
    @DisplayName("a package commissioned and accepted in one batch of events is held from its acceptance")
    void commissionedAndAcceptedInOneBatch() {
        feed.at("2026-11-02T10:00:00Z")
                .given(
                        providerAdmitted("noon", "north"),
                        commissioned("N", "C-N", 70, "2026-11-01", null),
                        offered("N", "noon"),
                        accepted("N", "noon", "C-N"));

        // held from 2 Nov (accepted after its start) to the end of November: 70 × 29 / 7 = 290
        assertThat(performances.of(NOVEMBER, "noon").get(0).commissionedMinutes())
                .isEqualTo(290);
    }
}
