package org.carebank.query.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatePeriodTest {

    @Test
    @DisplayName("an ISO week runs Monday to Sunday, across a year end too")
    void isoWeeks() {
        assertThat(DatePeriod.isoWeek("2026-W48"))
                .isEqualTo(new DatePeriod(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29)));
        // 2026 has 53 ISO weeks; week 53 ends on Sunday 3 January 2027.
        assertThat(DatePeriod.isoWeek("2026-W53"))
                .isEqualTo(new DatePeriod(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 3)));
    }

    @Test
    @DisplayName("a week that does not exist or is written otherwise is refused with a clear message")
    void badWeeks() {
        assertThatThrownBy(() -> DatePeriod.isoWeek("2025-W53")).hasMessageContaining("no ISO week 2025-W53");
        assertThatThrownBy(() -> DatePeriod.isoWeek("2026-48")).hasMessageContaining("2026-W48");
        assertThatThrownBy(() -> DatePeriod.isoWeek("2026-W00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("both ends are included; an inverted or over-long period is refused")
    void bounds() {
        assertThat(DatePeriod.month(YearMonth.of(2026, 2)).days()).isEqualTo(28);
        assertThat(new DatePeriod(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1)).days())
                .isEqualTo(1);
        assertThatThrownBy(() -> new DatePeriod(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 1)))
                .hasMessageContaining("ends");
        assertThatThrownBy(() -> new DatePeriod(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31)))
                .hasMessageContaining("at most");
    }

    @Test
    @DisplayName("local days in London: a period's instants follow British Summer Time")
    void londonCalendar() {
        var calendar = DashboardCalendar.london();
        var march = new DatePeriod(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 31));
        // 29 March 2026 starts in GMT; 1 April starts in BST (UTC+1), so an hour earlier in UTC.
        assertThat(calendar.startOf(march)).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));
        assertThat(calendar.endOf(march)).isEqualTo(Instant.parse("2026-03-31T23:00:00Z"));
        assertThat(calendar.dateOf(Instant.parse("2026-03-31T23:30:00Z"))).isEqualTo(LocalDate.of(2026, 4, 1));
    }
}
