package org.carebank.query.visit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import org.carebank.kernel.caller.Caller;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.web.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the dashboard page opens on: a period that holds the caller's visits, and the council's time zone. */
@RestController
@Tag(name = "Dashboards")
@ReadsProjection(VisitProjection.PROCESSING_GROUP)
class DashboardDefaultsController {

    /**
     * @param from first day of the default period (local date, included)
     * @param to last day (included)
     * @param timeZone the council's time zone: the page shows dates and times in it
     * @param today today's date there
     * @param role the caller's role, so that the page offers what the role may use
     * @param providerId the caller's provider, for a provider user
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DashboardDefaults(
            LocalDate from, LocalDate to, String timeZone, LocalDate today, String role, String providerId) {}

    private final ProviderVisits visits;
    private final DashboardCalendar calendar;

    DashboardDefaultsController(ProviderVisits visits, DashboardCalendar calendar) {
        this.visits = visits;
        this.calendar = calendar;
    }

    @GetMapping("/api/v1/dashboard/defaults")
    @Operation(
            summary = "The dashboard's default period (28 days that hold visits) and the council's time zone",
            description = "The last 28 days when visits were planned in them; else the 28 days up to the last day "
                    + "with a visit before today; else, when every visit lies ahead, the 28 days from the first. "
                    + "A provider user gets a period that holds its own visits.")
    DashboardDefaults defaults() {
        Caller caller = Callers.current();
        Instant now = Instant.now();
        var period = DefaultPeriod.of(
                calendar.dateOf(now),
                visits.latestPlannedBefore(now, caller.providerId()).map(calendar::dateOf),
                visits.earliestPlanned(caller.providerId()).map(calendar::dateOf));
        return new DashboardDefaults(
                period.from(),
                period.to(),
                calendar.timeZone().getId(),
                calendar.dateOf(now),
                caller.role().name(),
                caller.providerId());
    }
}
