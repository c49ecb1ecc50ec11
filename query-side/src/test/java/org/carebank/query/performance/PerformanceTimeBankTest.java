package org.carebank.query.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.carebank.query.performance.PerformanceQueries.TimeBankMinutes;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The time bank figures of provider performance: minutes count for the provider whose visit opened the lot they come
 * from, in the month they moved; a council credit's lot belongs to no provider.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class PerformanceTimeBankTest {

    private static final String CLIENT = "CL-1";
    private static final Duration LIFETIME = Duration.ofDays(84);
    private static final Instant NOV_2 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant NOV_3 = Instant.parse("2026-11-03T10:00:00Z");
    private static final Instant NOV_20 = Instant.parse("2026-11-20T10:00:00Z");
    private static final DatePeriod NOVEMBER = new DatePeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
    private static final DatePeriod JANUARY = new DatePeriod(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31));

    @Parameter
    TestDatabase.Kind database;

    private EventFeed feed;
    private PerformanceQueries queries;

    @BeforeEach
    void projection() {
        var jdbc = TestDatabase.shared(database);
        feed = new EventFeed(new PerformanceTimeBankProjection(jdbc, TestDatabase.batchedWrites(jdbc)));
        feed.reset();
        queries = new PerformanceQueries(jdbc, DashboardCalendar.london(), PerformanceSettings.defaults());
    }

    private static UnusedTimeBanked deposit(String visitId, String providerId, int minutes, Instant at, int after) {
        return new UnusedTimeBanked(
                CLIENT, "deposit:" + visitId, visitId, providerId, minutes, "client", at, at.plus(LIFETIME), after);
    }

    @Test
    @DisplayName("a draw-down across two providers' lots and a council credit: each provider's own minutes, by month")
    void minutesFollowTheLotsProvider() {
        var credit = new TimeBankAdjusted(
                CLIENT, "A-1", 15, "review", NOV_3, "adjustment:A-1", NOV_3.plus(LIFETIME), List.of(), 85);
        // all in one batch: the draw-down spends lots banked earlier in the same batch
        feed.given(
                deposit("V-1", "alpha", 40, NOV_2, 40),
                deposit("V-2", "beta", 30, NOV_3, 70),
                credit,
                new TimeDrawnDown(
                        CLIENT,
                        "W-1",
                        60,
                        "swimming",
                        null,
                        NOV_20,
                        List.of(
                                new LotSpend("deposit:V-1", 40),
                                new LotSpend("deposit:V-2", 10),
                                new LotSpend("adjustment:A-1", 10)),
                        25));
        feed.given(
                new TimeBankLotExpired(CLIENT, "deposit:V-2", 20, NOV_3.plus(LIFETIME), 5),
                new TimeBankLotExpired(CLIENT, "adjustment:A-1", 5, NOV_3.plus(LIFETIME), 0));

        assertThat(queries.timeBank(NOVEMBER, null))
                .as("the credit's 15 and the 10 drawn from it count for no provider")
                .containsOnly(
                        Map.entry("alpha", new TimeBankMinutes(40, 40, 0)),
                        Map.entry("beta", new TimeBankMinutes(30, 10, 0)));
        assertThat(queries.timeBank(JANUARY, null))
                .as("beta's remaining 20 expired on 26 January")
                .containsOnly(Map.entry("beta", new TimeBankMinutes(0, 0, 20)));
        assertThat(queries.timeBank(NOVEMBER, "beta")).containsOnlyKeys("beta");
    }
}
