package org.carebank.query.charter;

import java.math.BigDecimal;

/**
 * One charter commitment measured for a provider, with the expectation beside it.
 *
 * @param value the provider's figure; null when there was nothing to measure (no visits, no legs...)
 * @param basis how many visits, legs or workers the figure is taken over
 * @param expected the council's expectation, read with {@code comparison}
 */
record CharterMeasure(
        Measure measure,
        BigDecimal value,
        Unit unit,
        long basis,
        Comparison comparison,
        BigDecimal expected,
        Flag flag) {

    enum Measure {
        VISITS_PLANNED_UNDER_15_MINUTES,
        VISITS_PLANNED_UNDER_30_MINUTES,
        VISITS_DELIVERED_SHORT,
        RUSHED_TRANSITIONS_PER_100_VISITS,
        LEGS_WITH_TRAVEL_RECORDED,
        MAIN_WORKER_SHARE,
        ZERO_HOURS_WORKERS,
        CARE_CERTIFICATE_WITHIN_12_WEEKS,
        WORKERS_WITH_EXPIRED_QUALIFICATIONS
    }

    enum Unit {
        PERCENT,
        PER_100_VISITS
    }

    enum Comparison {
        AT_MOST,
        AT_LEAST
    }

    enum Flag {
        MEETS,
        FALLS_SHORT,
        /** Nothing to measure in the period: neither met nor missed. */
        NO_DATA
    }

    static CharterMeasure of(
            Measure measure, BigDecimal value, Unit unit, long basis, Comparison comparison, double expected) {
        BigDecimal expectation = BigDecimal.valueOf(expected).setScale(1, java.math.RoundingMode.HALF_UP);
        Flag flag;
        if (value == null) {
            flag = Flag.NO_DATA;
        } else {
            int against = value.compareTo(expectation);
            boolean meets = comparison == Comparison.AT_MOST ? against <= 0 : against >= 0;
            flag = meets ? Flag.MEETS : Flag.FALLS_SHORT;
        }
        return new CharterMeasure(measure, value, unit, basis, comparison, expectation, flag);
    }
}
