package org.carebank.query.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shares and rates as the dashboards show them: one decimal, rounded half up, null when there is nothing to divide by. */
public final class Rates {

    private Rates() {}

    /** {@code part} as a percentage of {@code whole}. */
    public static BigDecimal percent(long part, long whole) {
        return ratio(part * 100, whole);
    }

    /** {@code count} per 100 of {@code base}. */
    public static BigDecimal per100(long count, long base) {
        return ratio(count * 100, base);
    }

    /** {@code minutes} per hour of {@code baseMinutes}. */
    public static BigDecimal perHour(long minutes, long baseMinutes) {
        return ratio(minutes * 60, baseMinutes);
    }

    /** {@code numerator / denominator} with two decimals, for averages such as workers per client. */
    public static BigDecimal average(long numerator, long denominator) {
        return denominator == 0
                ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0
                ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
    }
}
