package org.carebank.query.charter;

import static org.carebank.query.charter.CharterMeasure.Comparison.AT_LEAST;
import static org.carebank.query.charter.CharterMeasure.Comparison.AT_MOST;
import static org.carebank.query.charter.CharterMeasure.Unit.PERCENT;
import static org.carebank.query.charter.CharterMeasure.Unit.PER_100_VISITS;

import java.util.List;
import org.carebank.query.charter.CharterMeasure.Measure;
import org.carebank.query.performance.Continuity;
import org.carebank.query.performance.PerformanceQueries;
import org.carebank.query.performance.VisitCounts;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.web.Rates;
import org.springframework.stereotype.Component;

/** The charter's measurable commitments for one provider and period, each against the council's expectation. */
@Component
class CharterMeasures {

    private final PerformanceQueries performance;
    private final CharterQueries charter;
    private final CharterSettings expected;

    CharterMeasures(PerformanceQueries performance, CharterQueries charter, CharterSettings expected) {
        this.performance = performance;
        this.charter = charter;
        this.expected = expected;
    }

    List<CharterMeasure> of(String providerId, DatePeriod period) {
        VisitCounts visits = performance.visitCounts(period, providerId).getOrDefault(providerId, VisitCounts.NONE);
        Continuity continuity = performance.continuity(period, providerId).getOrDefault(providerId, Continuity.NONE);
        var travel = charter.travel(providerId, period);
        var workforce = charter.workforce(providerId, period);
        var certificates = charter.careCertificates(providerId, period);
        var expired = charter.expiredQualifications(providerId, period);
        return List.of(
                CharterMeasure.of(
                        Measure.VISITS_PLANNED_UNDER_15_MINUTES,
                        Rates.percent(visits.plannedUnder15(), visits.notCancelled()),
                        PERCENT,
                        visits.notCancelled(),
                        AT_MOST,
                        expected.visitsPlannedUnder15MinutesMaxPercent()),
                CharterMeasure.of(
                        Measure.VISITS_PLANNED_UNDER_30_MINUTES,
                        Rates.percent(visits.plannedUnder30(), visits.notCancelled()),
                        PERCENT,
                        visits.notCancelled(),
                        AT_MOST,
                        expected.visitsPlannedUnder30MinutesMaxPercent()),
                CharterMeasure.of(
                        Measure.VISITS_DELIVERED_SHORT,
                        Rates.percent(visits.shortVisits(), visits.delivered()),
                        PERCENT,
                        visits.delivered(),
                        AT_MOST,
                        expected.visitsDeliveredShortMaxPercent()),
                CharterMeasure.of(
                        Measure.RUSHED_TRANSITIONS_PER_100_VISITS,
                        Rates.per100(travel.rushedLegs(), travel.deliveredVisits()),
                        PER_100_VISITS,
                        travel.deliveredVisits(),
                        AT_MOST,
                        expected.rushedTransitionsPer100VisitsMax()),
                CharterMeasure.of(
                        Measure.LEGS_WITH_TRAVEL_RECORDED,
                        Rates.percent(travel.legsWithRosteredTravel(), travel.deliveredLegs()),
                        PERCENT,
                        travel.deliveredLegs(),
                        AT_LEAST,
                        expected.legsWithTravelRecordedMinPercent()),
                CharterMeasure.of(
                        Measure.MAIN_WORKER_SHARE,
                        continuity.mainWorkerSharePercent(),
                        PERCENT,
                        continuity.visits(),
                        AT_LEAST,
                        expected.mainWorkerShareMinPercent()),
                CharterMeasure.of(
                        Measure.ZERO_HOURS_WORKERS,
                        Rates.percent(workforce.zeroHours(), workforce.workers()),
                        PERCENT,
                        workforce.workers(),
                        AT_MOST,
                        expected.zeroHoursWorkersMaxPercent()),
                CharterMeasure.of(
                        Measure.CARE_CERTIFICATE_WITHIN_12_WEEKS,
                        Rates.percent(certificates.withinTwelveWeeks(), certificates.workers()),
                        PERCENT,
                        certificates.workers(),
                        AT_LEAST,
                        expected.careCertificateWithin12WeeksMinPercent()),
                CharterMeasure.of(
                        Measure.WORKERS_WITH_EXPIRED_QUALIFICATIONS,
                        Rates.percent(expired.withExpired(), expired.workers()),
                        PERCENT,
                        expired.workers(),
                        AT_MOST,
                        expected.workersWithExpiredQualificationsMaxPercent()));
    }
}
