package org.carebank.query.visit;

import java.time.LocalDate;
import java.util.Optional;
import org.carebank.query.period.DatePeriod;

/**
 * The period the dashboard opens on: 28 days that hold visits, so a commissioner never lands on an empty page or on
 * the figures of a period nobody worked in. The last 28 days when visits were planned in them; else the 28 days up to
 * the last day a visit was planned on before today (a council whose record stops in the past); else, when every
 * visit lies ahead (a new service, a demo that starts tomorrow), the 28 days from the first planned visit.
 */
final class DefaultPeriod {

    static final int DAYS = 28;

    private DefaultPeriod() {}

    /**
     * @param latestBeforeToday the local date of the latest visit planned before now, if any
     * @param earliest the local date of the earliest planned visit, if any
     */
    static DatePeriod of(LocalDate today, Optional<LocalDate> latestBeforeToday, Optional<LocalDate> earliest) {
        if (latestBeforeToday.isPresent()) {
            LocalDate to =
                    latestBeforeToday.get().isBefore(today.minusDays(DAYS - 1)) ? latestBeforeToday.get() : today;
            return new DatePeriod(to.minusDays(DAYS - 1), to);
        }
        return earliest.map(first -> new DatePeriod(first, first.plusDays(DAYS - 1)))
                .orElseGet(() -> new DatePeriod(today.minusDays(DAYS - 1), today));
    }
}
