package org.carebank.kernel.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one rule for anything with effective dates (package rates, provider billing rules): on a date, the entry with the
 * latest {@code effectiveFrom} on or before it is in force; of two entries from the same date, the one recorded later.
 * Before the first entry, the first one applies (a visit planned before a package's first recorded date is still
 * billed at its commissioned rate).
 */
public final class EffectiveDates {

    private EffectiveDates() {}

    /** {@code entries} in the order they were recorded. */
    public static <T> Optional<T> inForceOn(List<T> entries, Function<T, LocalDate> effectiveFrom, LocalDate date) {
        T best = null;
        T earliest = null;
        for (T entry : entries) {
            LocalDate from = effectiveFrom.apply(entry);
            if (!from.isAfter(date) && (best == null || !from.isBefore(effectiveFrom.apply(best)))) {
                best = entry;
            }
            if (earliest == null || from.isBefore(effectiveFrom.apply(earliest))) {
                earliest = entry;
            }
        }
        return Optional.ofNullable(best != null ? best : earliest);
    }
}
