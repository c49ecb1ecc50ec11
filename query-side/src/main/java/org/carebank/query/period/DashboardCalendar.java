package org.carebank.query.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local calendar of the dashboards: days, ISO weeks and months are dates in the council's time zone, taken from
 * the instants events carry. A visit checked in at 23:30 UTC on 31 March belongs to 1 April in London (BST).
 * Changing the zone needs a rebuild of the travel projection, which stores each visit's local day.
 */
@ConfigurationProperties("carebank.dashboards")
public record DashboardCalendar(@DefaultValue("Europe/London") ZoneId timeZone) {

    public static DashboardCalendar london() {
        return new DashboardCalendar(ZoneId.of("Europe/London"));
    }

    public LocalDate dateOf(Instant instant) {
        return instant.atZone(timeZone).toLocalDate();
    }

    /** The first instant of a local day (midnight, or the first valid moment on a day a clock change skips). */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(timeZone).toInstant();
    }

    /** The first instant after the period. */
    public Instant endOf(DatePeriod period) {
        return startOf(period.to().plusDays(1));
    }

    public Instant startOf(DatePeriod period) {
        return startOf(period.from());
    }
}
