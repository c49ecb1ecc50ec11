package org.carebank.query.period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.regex.Pattern;

/**
 * A run of local days, both ends included: {@code from=2026-11-01&to=2026-11-30} is the whole of November. Dates
 * rather than instants because committees ask about days, weeks and months in the council's calendar.
 */
public record DatePeriod(LocalDate from, LocalDate to) {

    /** A year and a bit: enough for a financial year, small enough to keep every answer quick. */
    public static final int MAX_DAYS = 370;

    private static final Pattern ISO_WEEK = Pattern.compile("\\d{4}-W\\d{2}");

    public DatePeriod {
        if (from == null || to == null) {
            throw new IllegalArgumentException("A period needs both 'from' and 'to' dates.");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The period ends (" + to + ") before it starts (" + from + ").");
        }
        if (days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("A period covers at most " + MAX_DAYS + " days; ask for shorter ones.");
        }
    }

    public static DatePeriod day(LocalDate date) {
        return new DatePeriod(date, date);
    }

    public static DatePeriod month(YearMonth month) {
        return new DatePeriod(month.atDay(1), month.atEndOfMonth());
    }

    /** An ISO-8601 week such as {@code 2026-W48}: Monday to Sunday. */
    public static DatePeriod isoWeek(String week) {
        if (week == null || !ISO_WEEK.matcher(week).matches()) {
            throw new IllegalArgumentException(
                    "Parameter 'week' must be an ISO week such as 2026-W48, not '" + week + "'.");
        }
        try {
            LocalDate monday = LocalDate.parse(week + "-1", DateTimeFormatter.ISO_WEEK_DATE);
            if (!String.format(
                            "%d-W%02d",
                            monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                    .equals(week)) {
                throw new IllegalArgumentException("There is no ISO week " + week + ".");
            }
            return new DatePeriod(monday, monday.plusDays(6));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("There is no ISO week " + week + ".");
        }
    }

    public long days() {
        return days(from, to);
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
