package org.carebank.query.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.providerAdmitted;
import static org.carebank.query.testing.CareEvents.visit;
import static org.carebank.query.testing.CareEvents.worker;

import java.math.BigDecimal;
import java.util.Map;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.testing.CareEvents.Visit;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.TestDatabase;
import org.carebank.query.travel.TravelTotalsReader.Grouping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A provider's week, 2026-W48 (Monday 23 to Sunday 29 November), summed per worker, and per provider in a zone. Each
 * day's legs are as in {@link WorkerDayTravelTest}; here the sums are what is checked.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class ProviderWeekTravelTest {

    private static final DatePeriod W48 = DatePeriod.isoWeek("2026-W48");

    @Parameter
    TestDatabase.Kind database;

    private TravelTotalsReader queries;

    @BeforeEach
    void week() {
        var jdbc = TestDatabase.shared(database);
        var feed = new EventFeed(TravelTestKit.projection(jdbc));
        feed.reset();
        queries = new TravelTotalsReader(jdbc);
        feed.given(
                providerAdmitted("sunrise", "north", "south"),
                providerAdmitted("dawn", "north"),
                worker("sunrise", "ann", ContractType.ZERO_HOURS, TravelMode.WALK, 1250),
                worker("sunrise", "bob", ContractType.GUARANTEED_HOURS, TravelMode.CAR, 1300),
                worker("dawn", "carl", ContractType.GUARANTEED_HOURS, TravelMode.CAR, 1300));

        // ann, Monday 23, north: roster travel 10 in a 30 min gap; actual 09:58-09:30 = 28; 0.005° = 723 m
        done(feed, visit("a1").worker("ann").zone("north").at(51.500, -0.1), "2026-11-23T09:00:00Z", 30, "09:00", 30);
        done(
                feed,
                visit("a2").worker("ann").zone("north").at(51.505, -0.1).rosteredTravel(10),
                "2026-11-23T10:00:00Z",
                30,
                "09:58",
                30);
        // ann, Sunday 29, south, no locations: roster travel 20 in a 0 min gap (rushed); actual 18:10-18:00 = 10
        done(feed, visit("a3").worker("ann").zone("south"), "2026-11-29T17:00:00Z", 60, "17:00", 60);
        done(feed, visit("a4").worker("ann").zone("south").rosteredTravel(20), "2026-11-29T18:00:00Z", 45, "18:10", 45);
        // ann, Monday 30: the next week
        done(feed, visit("a5").worker("ann").zone("north"), "2026-11-30T09:00:00Z", 30, "09:00", 30);
        done(feed, visit("a6").worker("ann").zone("north").rosteredTravel(5), "2026-11-30T10:00:00Z", 30, "10:00", 30);
        // bob, Wednesday 25, north: no roster travel, estimated 0.010° = 1,446 m by car = 2.9 → 3 min; actual 30
        done(feed, visit("b1").worker("bob").zone("north").at(51.520, -0.1), "2026-11-25T08:00:00Z", 60, "08:00", 60);
        done(feed, visit("b2").worker("bob").zone("north").at(51.530, -0.1), "2026-11-25T09:30:00Z", 30, "09:30", 30);
        // bob's third visit that day is cancelled: no leg to it
        var b3 = sunrise(visit("b3").worker("bob").zone("north")).planned("2026-11-25T11:00:00Z", 30);
        feed.given(b3.scheduled(), b3.cancelled(CancellationInitiator.CLIENT, "2026-11-24T11:00:00Z"));
        // carl (dawn), Thursday 26, north: roster 15, gap 30, actual 30, no locations
        var c1 = visit("c1").provider("dawn").worker("carl").zone("north").planned("2026-11-26T09:00:00Z", 30);
        var c2 = visit("c2")
                .provider("dawn")
                .worker("carl")
                .zone("north")
                .planned("2026-11-26T10:00:00Z", 30)
                .rosteredTravel(15);
        feed.given(c1.scheduled(), c2.scheduled())
                .given(c1.deliveredEcm("2026-11-26T09:00:00Z", "2026-11-26T09:30:00Z"))
                .given(c2.deliveredEcm("2026-11-26T10:00:00Z", "2026-11-26T10:30:00Z"));
    }

    private static Visit sunrise(Visit visit) {
        return visit.provider("sunrise");
    }

    private static void done(EventFeed feed, Visit visit, String start, int planned, String checkIn, int minutes) {
        sunrise(visit).planned(start, planned);
        String in = start.substring(0, 11) + checkIn + ":00Z";
        var out = java.time.Instant.parse(in).plusSeconds(minutes * 60L).toString();
        feed.given(visit.scheduled()).given(visit.deliveredEcm(in, out));
    }

    @Test
    @DisplayName("per worker of a provider, the week only")
    void providerWeek() {
        Map<String, TravelTotals> perWorker = queries.figures(Grouping.WORKERS_OF_PROVIDER, "sunrise", W48, null);
        // ann: visits a1-a4, contact 30+30+60+45 = 165; legs a1>a2, a3>a4: planned 10+20 = 30, actual 28+10 = 38;
        // travel: a1>a2 10 of its 28 (18 waiting), a3>a4 all its 10 (planned 20 did not fit) = 20, waiting 18;
        // 20/165×60 = 7.3 travel minutes per contact hour; rushed 1; distance 723 (one leg located)
        assertThat(perWorker.get("ann"))
                .isEqualTo(new TravelTotals(4, 165, 2, 30, 38, 20, 18, new BigDecimal("7.3"), 1, 723, 1));
        // bob: 60+30 = 90 contact; one leg: planned 3, actual 30 = travel 3 + waiting 27; 3/90×60 = 2.0; 1,446 m
        assertThat(perWorker.get("bob"))
                .isEqualTo(new TravelTotals(2, 90, 1, 3, 30, 3, 27, new BigDecimal("2.0"), 0, 1446, 1));
        assertThat(perWorker).doesNotContainKey("carl");
        // totals: 6 visits, 255 min, 3 legs, 33 planned, 68 actual = 23 travel + 45 waiting → 23/255×60 = 5.4
        var totals = perWorker.values().stream().reduce(TravelTotals.NONE, TravelTotals::plus);
        assertThat(totals).isEqualTo(new TravelTotals(6, 255, 3, 33, 68, 23, 45, new BigDecimal("5.4"), 1, 2169, 2));
    }

    @Test
    @DisplayName("per provider in a zone: visits by their zone, legs by the zone they lead to")
    void zoneWeek() {
        Map<String, TravelTotals> north = queries.figures(Grouping.PROVIDERS_IN_ZONE, "north", W48, null);
        // sunrise in the north: a1 a2 b1 b2 = 150 min; legs a1>a2 and b1>b2: planned 13, actual 58 = 13 travel + 45
        // waiting → 5.2
        assertThat(north.get("sunrise"))
                .isEqualTo(new TravelTotals(4, 150, 2, 13, 58, 13, 45, new BigDecimal("5.2"), 0, 2169, 2));
        // dawn: c1 c2 = 60 min, one leg: planned 15, actual 30 = 15 travel + 15 waiting → 15.0, no distance
        assertThat(north.get("dawn"))
                .isEqualTo(new TravelTotals(2, 60, 1, 15, 30, 15, 15, new BigDecimal("15.0"), 0, 0, 0));
        // a provider user sees its own row only
        assertThat(queries.figures(Grouping.PROVIDERS_IN_ZONE, "north", W48, "dawn"))
                .containsOnlyKeys("dawn");
        // south: a3 a4, 105 min; a3>a4 rushed, its whole gap of 10 is travel; 10/105×60 = 5.7
        assertThat(queries.figures(Grouping.PROVIDERS_IN_ZONE, "south", W48, null))
                .containsExactly(Map.entry(
                        "sunrise", new TravelTotals(2, 105, 1, 20, 10, 10, 0, new BigDecimal("5.7"), 1, 0, 0)));
    }
}
