package org.carebank.query.unmetneed;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.rebuild.ReadsProjection;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is waiting for care (seed 001's headline: nobody, or how many), per zone, and how long placing takes. Answered
 * from the unmet need tables, which keep every wait's instants, so {@code asOf=} and the weekly trend are answered from
 * the same tables; the asOf parameter is bound under another Java name on purpose, so that {@link ReadsProjection}'s
 * guard still answers 503 while the view is rebuilt (its asOf answers come from the tables, not the events).
 */
@RestController
@RequestMapping("/api/v1/unmet-need")
@Tag(name = "Unmet need, import, workforce")
@ReadsProjection(UnmetNeedProjection.PROCESSING_GROUP)
class UnmetNeedController {

    private static final int DEFAULT_PERIOD_DAYS = 84;

    private final UnmetNeedTable table;
    private final DashboardCalendar calendar;

    UnmetNeedController(UnmetNeedTable table, DashboardCalendar calendar) {
        this.table = table;
        this.calendar = calendar;
    }

    /** One week of the trend: the figures per zone at the end of the week (or now, for the current week). */
    record Week(String week, Instant at, List<UnmetNeed.Zone> zones) {}

    @GetMapping(produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(
            summary = "Packages commissioned and not placed (waiting days, offers, declines) and per zone: packages"
                    + " waiting, unplaced minutes per week, handed-back packages waiting again, median and p90 days"
                    + " to place for packages placed in the period",
            description =
                    """
                    asOf= (default now) the instant the waiting is counted at; from=/to= (dates, default the 12 weeks \
                    up to asOf) the period whose placements give the days to place. A package waits from its \
                    commission, and again from a hand-back, until a provider accepts it. Days are whole days, \
                    rounded down; median and p90 are nearest-rank. CSV: one line per package waiting.""")
    UnmetNeed unmetNeed(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String zone,
            @RequestParam(name = "asOf", required = false) Instant at,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Instant asOf = at != null ? at : now();
        LocalDate periodTo = to != null ? to : calendar.dateOf(asOf);
        LocalDate periodFrom = from != null ? from : periodTo.minusDays(DEFAULT_PERIOD_DAYS - 1);
        var period = new DatePeriod(periodFrom, periodTo); // refuses a period the wrong way round or too long
        Instant placedFrom = calendar.startOf(period.from());
        Instant placedUntil = calendar.startOf(period.to().plusDays(1));
        Instant earliest = placedFrom.isBefore(asOf) ? placedFrom : asOf;
        var packages = table.overlapping(earliest, asOf, zone);
        var waiting = UnmetNeedFigures.waiting(packages, asOf);
        var zones = UnmetNeedFigures.zones(packages, table.zones(asOf, zone), asOf, placedFrom, placedUntil);
        return new UnmetNeed(asOf, period.from(), period.to(), waiting.size(), waiting, zones);
    }

    @GetMapping(path = "/weeks", produces = APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The trend for the dashboard: per ISO week, the figures per zone at the week's end (Sunday"
                    + " midnight, local time; now for the current week), days to place over that week's placements")
    List<Week> weeks(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String zone,
            @RequestParam(defaultValue = "8") @Min(1) @Max(53) int weeks) {
        Instant now = now();
        LocalDate monday = calendar.dateOf(now).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = monday.minusWeeks(weeks - 1L);
        var packages = table.overlapping(calendar.startOf(first), now, zone);
        var zones = table.zones(now, zone);
        var answer = new ArrayList<Week>();
        for (LocalDate week = first; !week.isAfter(monday); week = week.plusWeeks(1)) {
            Instant start = calendar.startOf(week);
            Instant end = calendar.startOf(week.plusWeeks(1));
            Instant at = end.isAfter(now) ? now : end.minusMillis(1);
            answer.add(new Week(
                    week.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                            + String.format("%02d", week.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                    at,
                    UnmetNeedFigures.zones(packages, zones, at, start, end)));
        }
        return answer;
    }

    /** Queries have no clock of their own: the question is about now, to the millisecond the store keeps. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
