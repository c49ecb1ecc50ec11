package org.carebank.query.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.providerAdmitted;
import static org.carebank.query.testing.CareEvents.visit;
import static org.carebank.query.testing.CareEvents.worker;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.provider.WorkerPayChanged;
import org.carebank.query.testing.CareEvents.Visit;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.TestDatabase;
import org.carebank.query.travel.TravelTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A month of pay for two workers, against the National Living Wage (1271 pence an hour from April 2026). Ann earns
 * 1250 an hour for contact time only: above the wage per contact hour, below it over her working time.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class PayComplianceTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @Parameter
    TestDatabase.Kind database;

    private JdbcClient jdbc;

    @BeforeEach
    void month() {
        jdbc = TestDatabase.shared(database);
        var feed = new EventFeed(TravelTestKit.projection(jdbc));
        feed.reset();
        feed.given(
                providerAdmitted("sunrise", "north"),
                worker("sunrise", "ann", ContractType.ZERO_HOURS, TravelMode.WALK, 1250),
                worker("sunrise", "bob", ContractType.GUARANTEED_HOURS, TravelMode.CAR, 2000),
                worker("sunrise", "cat", ContractType.ZERO_HOURS, TravelMode.CAR, 1300));
        // Tuesday 3 Nov: three hours of visits; gaps of 20 min (15 travel) and 2 h (10 travel)
        delivered(feed, "ann", "p1", "2026-11-03T08:00:00Z", 60, null, "2026-11-03T08:00:00Z");
        delivered(feed, "ann", "p2", "2026-11-03T09:20:00Z", 60, 15, "2026-11-03T09:20:00Z");
        delivered(feed, "ann", "p3", "2026-11-03T12:20:00Z", 60, 10, "2026-11-03T12:20:00Z");
        // Wednesday 4 Nov: a 15 min gap for 25 min of rostered travel (all of it travel, no waiting)
        delivered(feed, "ann", "q1", "2026-11-04T08:00:00Z", 45, null, "2026-11-04T08:00:00Z");
        delivered(feed, "ann", "q2", "2026-11-04T09:00:00Z", 30, 25, "2026-11-04T09:00:00Z");
        // Sunday 1 Nov: no rostered travel and no locations: the whole 30 min gap counts as travel
        delivered(feed, "ann", "r1", "2026-11-01T08:00:00Z", 30, null, "2026-11-01T08:00:00Z");
        delivered(feed, "ann", "r2", "2026-11-01T09:00:00Z", 30, null, "2026-11-01T09:00:00Z");
        // Outside November: 31 October and 1 December
        delivered(feed, "ann", "o1", "2026-10-31T08:00:00Z", 60, null, "2026-10-31T08:00:00Z");
        delivered(feed, "ann", "o2", "2026-12-01T08:00:00Z", 60, null, "2026-12-01T08:00:00Z");
        // Bob, 5 Nov: two hours with 10 min of travel between
        delivered(feed, "bob", "s1", "2026-11-05T08:00:00Z", 60, null, "2026-11-05T08:00:00Z");
        delivered(feed, "bob", "s2", "2026-11-05T09:10:00Z", 60, 10, "2026-11-05T09:10:00Z");
        // Cat has a visit planned but not delivered: no pay line
        feed.given(visit("t1")
                .provider("sunrise")
                .worker("cat")
                .planned("2026-11-06T08:00:00Z", 60)
                .scheduled());
    }

    private static void delivered(
            EventFeed feed, String worker, String id, String start, int minutes, Integer rosteredTravel, String in) {
        Visit v = visit(id)
                .provider("sunrise")
                .worker(worker)
                .planned(start, minutes)
                .rosteredTravel(rosteredTravel);
        var checkIn = java.time.Instant.parse(in);
        feed.given(v.scheduled())
                .given(v.deliveredEcm(in, checkIn.plusSeconds(minutes * 60L).toString()));
    }

    private PayCompliance november(boolean travelPaidSeparately) {
        return new PayQueries(jdbc, new PaySettings(travelPaidSeparately, null)).month("sunrise", NOVEMBER);
    }

    @Test
    @DisplayName("contact pay only: ann falls below the National Living Wage over her working time, bob does not")
    void contactPayOnly() {
        var month = november(false);
        assertThat(month.nationalLivingWagePence()).isEqualTo(1271);
        assertThat(month.workersBelowNationalLivingWage()).isEqualTo(1);
        // ann: contact 3×60 + 45 + 30 + 30 + 30 = 315; travel 15 + 10 + 15 + 30 = 70; waiting 5 + 110 = 115;
        // working 315 + 70 + 115 = 500; pay 315 × 1250 / 60 = 6562.5 → 6563; 6563 × 60 / 500 = 787.56 → 787 < 1271
        // bob: contact 120, travel 10, working 130; pay 120 × 2000 / 60 = 4000; 4000 × 60 / 130 = 1846.2 → 1846
        assertThat(month.workers())
                .isEqualTo(List.of(
                        new WorkerPay(
                                "ann", ContractType.ZERO_HOURS, 1250, 7, 315, 70, 115, 500, 315, 6563, 787L, true),
                        new WorkerPay(
                                "bob",
                                ContractType.GUARANTEED_HOURS,
                                2000,
                                2,
                                120,
                                10,
                                0,
                                130,
                                120,
                                4000,
                                1846L,
                                false)));
    }

    @Test
    @DisplayName("a pay rise from 4 November pays that day on at the new rate, the days before at the old one")
    void payInForceAcrossAChange() {
        var feed = new EventFeed(TravelTestKit.projection(jdbc));
        feed.given(new WorkerPayChanged("sunrise", "ann", 1400, LocalDate.of(2026, 11, 4)));
        var ann = november(false).workers().get(0);
        // 1 Nov 60 min and 3 Nov 180 min at 1250, 4 Nov 75 min at 1400: 75000 + 225000 + 105000 = 405000 / 60 = 6750
        // 6750 × 60 / 500 working minutes = 810
        assertThat(ann.payPence()).isEqualTo(6750);
        assertThat(ann.averageHourlyPayPence()).isEqualTo(810);
        assertThat(ann.hourlyPayPence())
                .as("the pay in force at the end of the month")
                .isEqualTo(1400);
    }

    @Test
    @DisplayName("a pay change from December leaves November as it was")
    void laterPayChangeDoesNotReachBack() {
        var feed = new EventFeed(TravelTestKit.projection(jdbc));
        feed.given(new WorkerPayChanged("sunrise", "ann", 1400, LocalDate.of(2026, 12, 1)));
        var ann = november(false).workers().get(0);
        assertThat(ann.payPence()).isEqualTo(6563);
        assertThat(ann.hourlyPayPence()).isEqualTo(1250);
    }

    @Test
    @DisplayName("travel paid separately: travel minutes are paid on top, waiting is not")
    void travelPaid() {
        var ann = november(true).workers().get(0);
        // paid 315 + 70 = 385 min; 385 × 1250 / 60 = 8020.8 → 8021; 8021 × 60 / 500 = 962.5 → 962 < 1271
        assertThat(ann.paidMinutes()).isEqualTo(385);
        assertThat(ann.payPence()).isEqualTo(8021);
        assertThat(ann.averageHourlyPayPence()).isEqualTo(962);
        assertThat(ann.belowNationalLivingWage()).isTrue();
    }

    @Test
    @DisplayName("the wage in force on the month's first day applies; before the table, no verdict")
    void wageTable() {
        var settings = PaySettings.defaults();
        assertThat(settings.nationalLivingWageOn(LocalDate.of(2026, 3, 1)))
                .map(PaySettings.WageRate::hourlyPence)
                .contains(1221);
        assertThat(settings.nationalLivingWageOn(LocalDate.of(2026, 4, 1)))
                .map(PaySettings.WageRate::hourlyPence)
                .contains(1271);
        assertThat(settings.nationalLivingWageOn(LocalDate.of(2025, 3, 1))).isEmpty();
        var unknownWage = new PayQueries(jdbc, settings).month("sunrise", YearMonth.of(2025, 3));
        assertThat(unknownWage.nationalLivingWagePence()).isNull();
    }
}
