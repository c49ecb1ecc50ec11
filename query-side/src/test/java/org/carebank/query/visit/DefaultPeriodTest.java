package org.carebank.query.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.carebank.query.period.DatePeriod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The dashboard's default period holds visits, at the boundaries of "the last 28 days". */
class DefaultPeriodTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static DatePeriod period(LocalDate latestBefore, LocalDate earliest) {
        return DefaultPeriod.of(TODAY, Optional.ofNullable(latestBefore), Optional.ofNullable(earliest));
    }

    @Test
    @DisplayName("visits in the last 28 days: the last 28 days, today included")
    void recentVisits() {
        var last28 = new DatePeriod(LocalDate.of(2026, 11, 5), TODAY);
        assertThat(period(TODAY, LocalDate.of(2026, 1, 1))).isEqualTo(last28);
        // the first day of the window still counts as "in the last 28 days"
        assertThat(period(LocalDate.of(2026, 11, 5), LocalDate.of(2026, 1, 1))).isEqualTo(last28);
    }

    @Test
    @DisplayName("a record that stops before the last 28 days: the 28 days up to its last visit")
    void recordStopsInThePast() {
        assertThat(period(LocalDate.of(2026, 11, 4), LocalDate.of(2026, 1, 1)))
                .isEqualTo(new DatePeriod(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 11, 4)));
    }

    @Test
    @DisplayName("every visit ahead (a demo starting tomorrow): the 28 days from the first visit")
    void everyVisitAhead() {
        assertThat(period(null, TODAY.plusDays(1))).isEqualTo(new DatePeriod(TODAY.plusDays(1), TODAY.plusDays(28)));
    }

    @Test
    @DisplayName("no visit at all: the last 28 days")
    void noVisits() {
        assertThat(period(null, null)).isEqualTo(new DatePeriod(LocalDate.of(2026, 11, 5), TODAY));
    }
}
