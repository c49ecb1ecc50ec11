package org.carebank.query.charter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.carebank.query.charter.CharterMeasure.Flag.FALLS_SHORT;
import static org.carebank.query.charter.CharterMeasure.Flag.MEETS;
import static org.carebank.query.charter.CharterMeasure.Flag.NO_DATA;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.carebank.kernel.provider.QualificationKind;
import org.carebank.kernel.provider.QualificationRecorded;
import org.carebank.query.charter.CharterMeasure.Measure;
import org.carebank.query.performance.PerformanceTestKit;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.NovemberAtSunrise;
import org.carebank.query.testing.TestDatabase;
import org.carebank.query.travel.TravelTestKit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The charter view of {@link NovemberAtSunrise}, against the default expectations. */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class CharterMeasuresTest {

    private static final DatePeriod NOVEMBER = new DatePeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));

    @Parameter
    TestDatabase.Kind database;

    private CharterMeasures measures;
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void november() {
        jdbc = TestDatabase.shared(database);
        var feed = new EventFeed(PerformanceTestKit.projection(jdbc), TravelTestKit.projection(jdbc));
        feed.reset();
        NovemberAtSunrise.happen(feed);
        measures = new CharterMeasures(
                PerformanceTestKit.queries(jdbc),
                new CharterQueries(jdbc, DashboardCalendar.london()),
                CharterSettings.defaults());
    }

    @Test
    @DisplayName("sunrise in November: each charter measure with the expectation beside it")
    void sunrise() {
        assertThat(measures.of("sunrise", NOVEMBER))
                .extracting(CharterMeasure::measure, CharterMeasure::value, CharterMeasure::basis, CharterMeasure::flag)
                .containsExactly(
                        // 17 planned, 3 cancelled → 14; b1 (10 min) is under 15: 1/14 = 7.1 % > 0
                        tuple(Measure.VISITS_PLANNED_UNDER_15_MINUTES, new BigDecimal("7.1"), 14L, FALLS_SHORT),
                        // b1 and b2 (20 min) under 30: 2/14 = 14.3 % > 5
                        tuple(Measure.VISITS_PLANNED_UNDER_30_MINUTES, new BigDecimal("14.3"), 14L, FALLS_SHORT),
                        // a3 short, of 12 delivered: 8.3 % > 5
                        tuple(Measure.VISITS_DELIVERED_SHORT, new BigDecimal("8.3"), 12L, FALLS_SHORT),
                        // legs: bob b1>c3 (16 Nov), cat b3>c2 (18 Nov, 15 min roster travel in a 10 min gap):
                        // 1 rushed per 12 delivered visits = 8.3 per 100 > 0
                        tuple(Measure.RUSHED_TRANSITIONS_PER_100_VISITS, new BigDecimal("8.3"), 12L, FALLS_SHORT),
                        // only b3>c2 has the roster's travel: 1 of 2 legs = 50 % < 95
                        tuple(Measure.LEGS_WITH_TRAVEL_RECORDED, new BigDecimal("50.0"), 2L, FALLS_SHORT),
                        // main workers 9 of 12 delivered visits = 75 % ≥ 60
                        tuple(Measure.MAIN_WORKER_SHARE, new BigDecimal("75.0"), 12L, MEETS),
                        // ann and cat of ann, bob, cat (dan joined in December): 2/3 = 66.7 % > 0
                        tuple(Measure.ZERO_HOURS_WORKERS, new BigDecimal("66.7"), 3L, FALLS_SHORT),
                        // everyone started on 1 October: their 12 weeks end on 24 December, not yet due
                        tuple(Measure.CARE_CERTIFICATE_WITHIN_12_WEEKS, null, 0L, NO_DATA),
                        tuple(Measure.WORKERS_WITH_EXPIRED_QUALIFICATIONS, new BigDecimal("0.0"), 3L, MEETS));
    }

    @Test
    @DisplayName("Care Certificate within 12 weeks of starting, and expired qualifications not renewed")
    void qualifications() {
        var feed = new EventFeed(PerformanceTestKit.projection(jdbc));
        feed.given(
                new QualificationRecorded(
                        "sunrise", "ann", "q1", QualificationKind.CARE_CERTIFICATE, LocalDate.of(2026, 12, 20), null),
                new QualificationRecorded(
                        "sunrise", "bob", "q2", QualificationKind.CARE_CERTIFICATE, LocalDate.of(2027, 1, 5), null),
                new QualificationRecorded(
                        "sunrise",
                        "cat",
                        "q3",
                        QualificationKind.MEDICATION,
                        LocalDate.of(2025, 1, 1),
                        LocalDate.of(2026, 12, 31)),
                new QualificationRecorded(
                        "sunrise",
                        "ann",
                        "q4",
                        QualificationKind.MOVING_AND_HANDLING,
                        LocalDate.of(2025, 12, 1),
                        LocalDate.of(2026, 12, 1)),
                new QualificationRecorded(
                        "sunrise",
                        "ann",
                        "q5",
                        QualificationKind.MOVING_AND_HANDLING,
                        LocalDate.of(2026, 12, 2),
                        null));
        var winter = new DatePeriod(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 1, 31));
        assertThat(measures.of("sunrise", winter))
                .filteredOn(m -> m.measure() == Measure.CARE_CERTIFICATE_WITHIN_12_WEEKS
                        || m.measure() == Measure.WORKERS_WITH_EXPIRED_QUALIFICATIONS)
                .extracting(CharterMeasure::measure, CharterMeasure::value, CharterMeasure::basis, CharterMeasure::flag)
                .containsExactly(
                        // ann, bob, cat due by 24 Dec (dan started 5 Dec, due 27 Feb); only ann's came in time: 1/3
                        tuple(Measure.CARE_CERTIFICATE_WITHIN_12_WEEKS, new BigDecimal("33.3"), 3L, FALLS_SHORT),
                        // cat's medication lapsed on 31 Dec; ann's moving and handling was renewed: 1 of 4
                        tuple(Measure.WORKERS_WITH_EXPIRED_QUALIFICATIONS, new BigDecimal("25.0"), 4L, FALLS_SHORT));
    }

    @Test
    @DisplayName("a measure with nothing to measure is NO_DATA, neither met nor missed")
    void dawn() {
        var dawn = measures.of("dawn", NOVEMBER);
        assertThat(dawn)
                .filteredOn(m -> m.measure() == Measure.LEGS_WITH_TRAVEL_RECORDED)
                .singleElement()
                .extracting(CharterMeasure::value, CharterMeasure::flag)
                .containsExactly(null, NO_DATA);
        assertThat(dawn)
                .filteredOn(m -> m.measure() != Measure.LEGS_WITH_TRAVEL_RECORDED
                        && m.measure() != Measure.CARE_CERTIFICATE_WITHIN_12_WEEKS)
                .allMatch(m -> m.flag() == MEETS);
        assertThat(dawn.get(0).expected()).isEqualByComparingTo("0.0");
        assertThat(dawn.get(0).comparison()).isEqualTo(CharterMeasure.Comparison.AT_MOST);
    }
}
