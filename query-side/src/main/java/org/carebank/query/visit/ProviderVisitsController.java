package org.carebank.query.visit;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import org.carebank.kernel.Ids;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.visit.ProviderVisits.VisitList;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Callers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The drill-down from a provider's figures to the visits behind them. */
@RestController
@Tag(name = "Dashboards")
@ReadsProjection(VisitProjection.PROCESSING_GROUP)
class ProviderVisitsController {

    private final ProviderVisits visits;
    private final DashboardCalendar calendar;
    private final AsOfReplay replay;

    ProviderVisitsController(ProviderVisits visits, DashboardCalendar calendar, AsOfReplay replay) {
        this.visits = visits;
        this.calendar = calendar;
        this.replay = replay;
    }

    @GetMapping(
            value = "/api/v1/providers/{providerId}/visits",
            produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(
            summary = "A provider's visits planned in a period, optionally only the missed, late or short ones",
            description = "from and to are local dates in the council's time zone, both included (at most 370 days). "
                    + "issue: MISSED (missed and still not delivered), LATE (delivered, checked in after the late "
                    + "threshold), SHORT (delivered below the short threshold) or ANY of them, as the performance "
                    + "figures count them. At most 5,000 visits (truncated=true beyond). A provider user sees its own "
                    + "provider only (404 otherwise). CSV (Accept: text/csv) gives one line per visit. With asOf= (an "
                    + "instant) the visits as recorded then, from the events recorded up to it.")
    VisitList visits(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "MISSED, LATE, SHORT or ANY; absent: every visit") @RequestParam(required = false)
                    VisitIssue issue,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String workerId,
            @RequestParam(required = false) Instant asOf) {
        if (!Callers.current().mayActFor(providerId)) {
            throw new NotFoundException("unknown-provider", "No provider " + providerId + ".");
        }
        var period = new DatePeriod(from, to);
        var found = replay.read(
                asOf,
                ProviderVisitsController.class,
                visits,
                ProviderVisits.class,
                v -> v.planned(providerId, calendar.startOf(period), calendar.endOf(period), issue, workerId));
        boolean truncated = found.size() > ProviderVisits.LIMIT;
        var listed = truncated ? found.subList(0, ProviderVisits.LIMIT) : found;
        return new VisitList(providerId, from, to, issue, workerId, listed.size(), truncated, listed);
    }
}
