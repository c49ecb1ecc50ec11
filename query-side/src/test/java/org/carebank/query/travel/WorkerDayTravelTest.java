package org.carebank.query.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.providerAdmitted;
import static org.carebank.query.testing.CareEvents.visit;
import static org.carebank.query.testing.CareEvents.worker;
import static org.carebank.query.travel.PlannedTravelSource.ESTIMATE;
import static org.carebank.query.travel.PlannedTravelSource.ROSTER;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Worker-days fed event by event, on PostgreSQL and on H2. Every expected figure is worked out by hand in the comments.
 * Locations lie on one meridian, so distances are exact multiples of 111,195 m per degree of latitude; with the
 * default detour factor 1.3 and walking at 4.8 km/h (80 m a minute):
 * 0.005° = 722.8 m (9 min walk), 0.010° = 1,445.5 m (18 min), 0.015° = 2,168.3 m (27 min), 0.025° = 3,613.8 m (45 min).
 * November in London is GMT, so the UTC times below are the local times.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class WorkerDayTravelTest {

    private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);

    @Parameter
    TestDatabase.Kind database;

    private JdbcClient jdbc;
    private EventFeed feed;
    private TravelTotalsReader queries;

    @BeforeEach
    void emptyProjection() {
        jdbc = TestDatabase.shared(database);
        feed = new EventFeed(TravelTestKit.projection(jdbc));
        feed.reset();
        queries = new TravelTotalsReader(jdbc);
        givenSunriseWithAnnAndBob();
    }

    private void givenSunriseWithAnnAndBob() {
        feed.given(
                providerAdmitted("sunrise", "north"),
                worker("sunrise", "ann", ContractType.ZERO_HOURS, TravelMode.WALK, 1250),
                worker("sunrise", "bob", ContractType.GUARANTEED_HOURS, TravelMode.CAR, 1300));
    }

    @Test
    @DisplayName("batches of events leave the same legs as the same events handled one at a time")
    void batchesLeaveTheSameLegsAsOneByOne() {
        var v1 = annVisit("v1", "2026-11-24T08:00:00Z", 30, 51.500, null);
        var v2 = annVisit("v2", "2026-11-24T08:45:00Z", 45, 51.510, 15);
        var v3 = annVisit("v3", "2026-11-24T09:45:00Z", 30, 51.515, 20);
        var v4 = annVisit("v4", "2026-11-24T10:30:00Z", 60, 51.525, 15);
        var b1 = bobVisit("b1", "2026-11-24T09:30:00Z");
        var b2 = bobVisit("b2", "2026-11-25T09:30:00Z");
        var roster = new java.util.ArrayList<Object>(List.of(
                v1.scheduled(), v2.scheduled(), v3.scheduled(), v4.scheduled(), b1.scheduled(), b2.scheduled()));
        roster.addAll(List.of(v1.deliveredEcm("2026-11-24T08:02:00Z", "2026-11-24T08:32:00Z")));
        // Changes to a day whose legs are stored: a visit leaves it for another worker, one for another day, Bob's
        // lone Wednesday visit joins Ann's Wednesday, a visit of Bob's Tuesday is cancelled.
        var changes = List.<Object>of(
                v2.checkedIn("2026-11-24T08:50:00Z"),
                v3.reassignedTo("bob"),
                v4.rescheduled("2026-11-25T10:30:00Z", 60),
                b2.reassignedTo("ann"),
                b1.cancelled(CancellationInitiator.CLIENT, "2026-11-24T07:00:00Z"));
        var days = List.of(
                new WorkerDay("ann", TUESDAY),
                new WorkerDay("bob", TUESDAY),
                new WorkerDay("ann", TUESDAY.plusDays(1)),
                new WorkerDay("bob", TUESDAY.plusDays(1)));

        roster.forEach(event -> feed.given(event));
        var rosteredOneByOne = days.stream().map(queries::legsOf).toList();
        changes.forEach(event -> feed.given(event));
        var oneByOne = days.stream().map(queries::legsOf).toList();
        feed.reset();
        givenSunriseWithAnnAndBob();
        feed.given(roster.toArray());
        var rosteredInOneBatch = days.stream().map(queries::legsOf).toList();
        feed.given(changes.toArray());
        var inTwoBatches = days.stream().map(queries::legsOf).toList();

        assertThat(rosteredInOneBatch).isEqualTo(rosteredOneByOne);
        assertThat(inTwoBatches).isEqualTo(oneByOne);
        // Not equal by being empty: before the changes Ann's Tuesday ran v1>v2>v3>v4; after them she keeps v1>v2 on
        // Tuesday and has b2>v4 on Wednesday.
        assertThat(route(rosteredInOneBatch.get(0))).isEqualTo("v1>v2 v2>v3 v3>v4");
        assertThat(route(inTwoBatches.get(0))).isEqualTo("v1>v2");
        assertThat(route(inTwoBatches.get(2))).isEqualTo("b2>v4");
    }

    /** A 45-minute visit of Bob's at 51.520 N. */
    private static Visit bobVisit(String id, String start) {
        return visit(id).provider("sunrise").worker("bob").planned(start, 45).at(51.520, -0.1);
    }

    private Visit annVisit(String id, String start, int minutes, double lat, Integer rosteredTravel) {
        return visit(id)
                .provider("sunrise")
                .worker("ann")
                .planned(start, minutes)
                .at(lat, -0.1)
                .rosteredTravel(rosteredTravel);
    }

    private List<Leg> legs(String worker, LocalDate day) {
        return queries.legsOf(new WorkerDay(worker, day));
    }

    private TravelTotals figures(String worker, LocalDate day) {
        return queries.figures(Grouping.WORKER_DAY, worker, DatePeriod.day(day), null)
                .getOrDefault(worker, TravelTotals.NONE);
    }

    private static String route(List<Leg> legs) {
        return String.join(
                " ",
                legs.stream().map(l -> l.fromVisitId() + ">" + l.toVisitId()).toList());
    }

    @Test
    @DisplayName("a worker's day of six visits, one reassigned and one cancelled while the day goes on")
    void realisticDay() {
        // Ann's roster: six visits, each with the roster's travel from the one before.
        var v1 = annVisit("v1", "2026-11-24T08:00:00Z", 30, 51.500, null);
        var v2 = annVisit("v2", "2026-11-24T08:45:00Z", 45, 51.510, 15);
        var v3 = annVisit("v3", "2026-11-24T09:45:00Z", 30, 51.515, 20);
        var v4 = annVisit("v4", "2026-11-24T10:30:00Z", 60, 51.525, 15);
        var v5 = annVisit("v5", "2026-11-24T12:00:00Z", 30, 51.530, 10);
        var v6 = annVisit("v6", "2026-11-24T12:45:00Z", 30, 51.540, 18);
        var b1 = bobVisit("b1", "2026-11-24T09:30:00Z");
        feed.at("2026-11-20T10:00:00Z")
                .given(v1.scheduled(), v2.scheduled(), v3.scheduled(), v4.scheduled(), v5.scheduled(), v6.scheduled())
                .given(b1.scheduled());

        // The planned day: five legs, none delivered yet.
        var planned = legs("ann", TUESDAY);
        assertThat(route(planned)).isEqualTo("v1>v2 v2>v3 v3>v4 v4>v5 v5>v6");
        assertThat(planned).allMatch(leg -> !leg.delivered() && leg.plannedTravelSource() == ROSTER);
        // gaps: 08:45-08:30=15, 09:45-09:30=15, 10:30-10:15=15, 12:00-11:30=30, 12:45-12:30=15
        assertThat(planned).extracting(Leg::plannedGapMinutes).containsExactly(15, 15, 15, 30, 15);
        // rushed where the roster's travel is longer than the gap: v2>v3 (20 > 15) and v5>v6 (18 > 15)
        assertThat(planned).extracting(Leg::rushed).containsExactly(false, true, false, false, true);
        assertThat(figures("ann", TUESDAY)).isEqualTo(TravelTotals.NONE);

        // 08:00-09:35: v1 and v2 delivered.
        feed.at("2026-11-24T09:35:00Z")
                .given(v1.deliveredEcm("2026-11-24T08:02:00Z", "2026-11-24T08:32:00Z"))
                .given(v2.deliveredEcm("2026-11-24T08:50:00Z", "2026-11-24T09:35:00Z"));
        assertThat(legs("ann", TUESDAY).get(0).delivered()).isTrue();
        assertThat(legs("ann", TUESDAY).get(0).actualTravelMinutes()).isEqualTo(18); // 08:50 - 08:32

        // 09:40: Ann is running late; v4 goes to Bob.
        feed.at("2026-11-24T09:40:00Z").given(v4.reassignedTo("bob"));
        var afterReassignment = legs("ann", TUESDAY);
        assertThat(route(afterReassignment)).isEqualTo("v1>v2 v2>v3 v3>v5 v5>v6");
        // The roster's 10 minutes for v5 were from v4, which Ann no longer does: v3>v5 is estimated instead,
        // 0.015° = 2,168 m on foot = 27 min; gap 12:00 - 10:15 = 105.
        assertThat(afterReassignment.get(2))
                .extracting(Leg::plannedTravelSource, Leg::plannedTravelMinutes, Leg::plannedGapMinutes, Leg::rushed)
                .containsExactly(ESTIMATE, 27, 105, false);
        // Bob's day gains v4; its roster travel was Ann's, so Bob's leg is estimated: 0.005° = 723 m by car at
        // 30 km/h = 1.4 min, rounded to 1; gap 10:30 - 10:15 = 15.
        assertThat(legs("bob", TUESDAY))
                .singleElement()
                .extracting(Leg::fromVisitId, Leg::toVisitId, Leg::plannedTravelSource, Leg::plannedTravelMinutes)
                .containsExactly("b1", "v4", ESTIMATE, 1);

        feed.at("2026-11-24T10:13:00Z").given(v3.deliveredEcm("2026-11-24T09:43:00Z", "2026-11-24T10:13:00Z"));

        // 11:00: v5's client cancels.
        feed.at("2026-11-24T11:00:00Z").given(v5.cancelled(CancellationInitiator.CLIENT, "2026-11-24T11:00:00Z"));
        assertThat(route(legs("ann", TUESDAY))).isEqualTo("v1>v2 v2>v3 v3>v6");

        feed.at("2026-11-24T11:20:00Z")
                .given(b1.deliveredEcm("2026-11-24T09:31:00Z", "2026-11-24T10:16:00Z"))
                .given(v4.deliveredEcm("2026-11-24T10:20:00Z", "2026-11-24T11:20:00Z"));
        feed.at("2026-11-24T13:18:00Z").given(v6.deliveredEcm("2026-11-24T12:50:00Z", "2026-11-24T13:18:00Z"));

        var ann = legs("ann", TUESDAY);
        assertThat(route(ann)).isEqualTo("v1>v2 v2>v3 v3>v6");
        assertThat(ann).allMatch(Leg::delivered);
        // v1>v2: roster 15, gap 15, actual 08:50-08:32 = 18, 0.010° = 1,446 m
        assertThat(ann.get(0))
                .extracting(
                        Leg::plannedTravelSource,
                        Leg::plannedTravelMinutes,
                        Leg::plannedGapMinutes,
                        Leg::actualTravelMinutes,
                        Leg::distanceMetres,
                        Leg::rushed)
                .containsExactly(ROSTER, 15, 15, 18, 1446, false);
        // v2>v3: roster 20 > gap 15 (rushed), actual 09:43-09:35 = 8, 0.005° = 723 m
        assertThat(ann.get(1))
                .extracting(
                        Leg::plannedTravelSource,
                        Leg::plannedTravelMinutes,
                        Leg::plannedGapMinutes,
                        Leg::actualTravelMinutes,
                        Leg::distanceMetres,
                        Leg::rushed)
                .containsExactly(ROSTER, 20, 15, 8, 723, true);
        // v3>v6: v6's roster travel (18) was from the cancelled v5, so estimated: 0.025° = 3,614 m on foot = 45 min;
        // gap 12:45-10:15 = 150; actual 12:50-10:13 = 157
        assertThat(ann.get(2))
                .extracting(
                        Leg::plannedTravelSource,
                        Leg::plannedTravelMinutes,
                        Leg::plannedGapMinutes,
                        Leg::actualTravelMinutes,
                        Leg::distanceMetres,
                        Leg::rushed)
                .containsExactly(ESTIMATE, 45, 150, 157, 3614, false);

        // Each gap split into travel (planned, or the whole gap when shorter) and waiting:
        // v1>v2 15 + 3, v2>v3 8 + 0 (the planned 20 did not fit), v3>v6 45 + 112.
        assertThat(ann).extracting(Leg::travelMinutes).containsExactly(15, 8, 45);
        assertThat(ann).extracting(Leg::waitingMinutes).containsExactly(3, 0, 112);
        // Ann: 4 visits, contact 30+45+30+28 = 133; planned travel 15+20+45 = 80; actual 18+8+157 = 183 =
        // 68 travel + 115 waiting; 68 / 133 min × 60 = 30.68 → 30.7 minutes of travel per contact hour (the whole
        // gaps made it 82.6); 1 rushed; 1,446+723+3,614 = 5,783 m.
        assertThat(figures("ann", TUESDAY))
                .isEqualTo(new TravelTotals(4, 133, 3, 80, 183, 68, 115, new BigDecimal("30.7"), 1, 5783, 3));
        // Bob: 2 visits, contact 45+60 = 105; one leg: planned 1, actual 10:20-10:16 = 4 = 1 travel + 3 waiting;
        // 1/105×60 = 0.6
        assertThat(figures("bob", TUESDAY))
                .isEqualTo(new TravelTotals(2, 105, 1, 1, 4, 1, 3, new BigDecimal("0.6"), 0, 723, 1));
    }

    @Test
    @DisplayName("a delivery recorded after the next visit's slots in between the legs already computed")
    void lateRecordedDelivery() {
        var c1 = annVisit("c1", "2026-11-24T09:00:00Z", 30, 51.500, null);
        var c2 = annVisit("c2", "2026-11-24T10:00:00Z", 45, 51.505, 10);
        var c3 = annVisit("c3", "2026-11-24T11:00:00Z", 30, 51.510, 10);
        feed.given(c1.scheduled(), c2.scheduled(), c3.scheduled());
        feed.given(c1.deliveredEcm("2026-11-24T09:00:00Z", "2026-11-24T09:30:00Z"));
        // Ann's phone died at c2: nobody checked in, so c2 is flagged missed at 12:00.
        feed.given(c3.deliveredEcm("2026-11-24T11:00:00Z", "2026-11-24T11:30:00Z"));
        feed.given(c2.missed());
        var skipped = legs("ann", TUESDAY);
        assertThat(route(skipped)).isEqualTo("c1>c3");
        // c3's roster travel was from c2, so estimated: 0.010° on foot = 18 min; actual 11:00-09:30 = 90
        assertThat(skipped.get(0))
                .extracting(Leg::plannedTravelSource, Leg::plannedTravelMinutes, Leg::actualTravelMinutes)
                .containsExactly(ESTIMATE, 18, 90);

        // The coordinator records c2 from the paper timesheet the next morning: 10:05 for 45 minutes.
        feed.at("2026-11-25T09:00:00Z").given(c2.recorded("2026-11-24T10:05:00Z", 45));
        var legs = legs("ann", TUESDAY);
        assertThat(route(legs)).isEqualTo("c1>c2 c2>c3");
        // c1>c2: roster 10, actual 10:05-09:30 = 35; c2>c3: roster 10, actual 11:00-10:50 = 10
        assertThat(legs)
                .extracting(Leg::plannedTravelSource, Leg::plannedTravelMinutes, Leg::actualTravelMinutes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ROSTER, 10, 35),
                        org.assertj.core.groups.Tuple.tuple(ROSTER, 10, 10));
        // 3 visits, 30+45+30 = 105 contact minutes; travel 10+10 planned, 35+10 = 45 actual = 20 travel + 25 waiting;
        // 20/105×60 = 11.4
        assertThat(figures("ann", TUESDAY))
                .isEqualTo(new TravelTotals(3, 105, 2, 20, 45, 20, 25, new BigDecimal("11.4"), 0, 1446, 2));
    }

    @Test
    @DisplayName("a reschedule reorders the day, or moves a visit to another day, and both days follow")
    void reschedule() {
        var d1 = annVisit("d1", "2026-11-24T09:00:00Z", 30, 51.500, null);
        var d2 = annVisit("d2", "2026-11-24T10:00:00Z", 30, 51.505, 10);
        var d3 = annVisit("d3", "2026-11-24T11:00:00Z", 30, 51.510, 10);
        feed.given(d1.scheduled(), d2.scheduled(), d3.scheduled());
        assertThat(route(legs("ann", TUESDAY))).isEqualTo("d1>d2 d2>d3");

        // d2 moves after d3: the roster's travel no longer describes either leg, both are estimated.
        feed.given(d2.rescheduled("2026-11-24T12:00:00Z", 30));
        var reordered = legs("ann", TUESDAY);
        assertThat(route(reordered)).isEqualTo("d1>d3 d3>d2");
        // d1>d3: 0.010° on foot = 18 min, gap 11:00-09:30 = 90; d3>d2: 0.005° = 9 min, gap 12:00-11:30 = 30
        assertThat(reordered)
                .extracting(Leg::plannedTravelSource, Leg::plannedTravelMinutes, Leg::plannedGapMinutes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ESTIMATE, 18, 90),
                        org.assertj.core.groups.Tuple.tuple(ESTIMATE, 9, 30));

        // d2 moves to Wednesday: Tuesday keeps one leg, Wednesday has a single visit and no leg.
        feed.given(d2.rescheduled("2026-11-25T09:00:00Z", 30));
        assertThat(route(legs("ann", TUESDAY))).isEqualTo("d1>d3");
        assertThat(legs("ann", TUESDAY.plusDays(1))).isEmpty();
    }

    @Test
    @DisplayName("a day is the local day: a check-in at 23:30 UTC in British Summer Time counts on the next day")
    void localDays() {
        var late = visit("s1")
                .provider("sunrise")
                .worker("ann")
                .planned("2026-06-30T23:30:00Z", 30)
                .at(51.5, -0.1);
        var next = visit("s2")
                .provider("sunrise")
                .worker("ann")
                .planned("2026-07-01T01:00:00Z", 30)
                .at(51.505, -0.1);
        feed.given(late.scheduled(), next.scheduled());
        feed.given(late.deliveredEcm("2026-06-30T23:30:00Z", "2026-07-01T00:00:00Z"));
        feed.given(next.deliveredEcm("2026-07-01T01:00:00Z", "2026-07-01T01:30:00Z"));
        // 00:30 and 02:00 on 1 July in London: one day, one leg of 60 minutes (01:00 - 00:00 UTC)
        var julyFirst = LocalDate.of(2026, 7, 1);
        assertThat(legs("ann", julyFirst))
                .singleElement()
                .extracting(Leg::actualTravelMinutes)
                .isEqualTo(60);
        assertThat(legs("ann", julyFirst.minusDays(1))).isEmpty();
    }
}
