package org.carebank.query.travel;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import org.carebank.kernel.Ids;
import org.carebank.kernel.caller.Caller;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.travel.TravelResponses.ProviderTravel;
import org.carebank.query.travel.TravelResponses.ProviderWeekTravel;
import org.carebank.query.travel.TravelResponses.WorkerDayTravel;
import org.carebank.query.travel.TravelResponses.WorkerTravel;
import org.carebank.query.travel.TravelResponses.ZoneWeekTravel;
import org.carebank.query.travel.TravelTotalsReader.Grouping;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Callers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(
        value = "/api/v1/travel",
        produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
@Tag(name = "Dashboards")
@ReadsProjection(TravelProjection.PROCESSING_GROUP)
class TravelQueryController {

    private static final String AS_OF = " With asOf= (an instant) the figures as published then: the same view "
            + "rebuilt from the events recorded up to that instant.";

    private final TravelTotalsReader live;
    private final AsOfReplay replay;

    TravelQueryController(TravelTotalsReader live, AsOfReplay replay) {
        this.live = live;
        this.replay = replay;
    }

    /** The live totals, or with {@code asOf} the same view replayed up to that instant (ADR 0023). */
    private <R> R read(Instant asOf, Function<TravelTotalsReader, R> question) {
        return replay.read(asOf, TravelQueryController.class, live, TravelTotalsReader.class, question);
    }

    @GetMapping("/workers/{workerId}")
    @Operation(
            summary = "One worker's day: visits, contact minutes, travel planned and actual, rushed transitions, legs",
            description = "Days are local dates in the council's time zone. A visit belongs to the day of its "
                    + "check-in (of its planned start before that). The figures count delivered visits and legs "
                    + "between two delivered visits; legs[] also lists the day's planned legs (delivered=false). "
                    + "CSV (Accept: text/csv) gives one line per leg." + AS_OF)
    WorkerDayTravel workerDay(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String workerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) Instant asOf) {
        return read(asOf, queries -> workerDay(queries, workerId, date));
    }

    private static WorkerDayTravel workerDay(TravelTotalsReader queries, String workerId, LocalDate date) {
        String providerId = queries.providerOfWorker(workerId)
                .filter(Callers.current()::mayActFor)
                .orElseThrow(() -> new NotFoundException("unknown-worker", "No worker " + workerId + "."));
        var day = new WorkerDay(workerId, date);
        TravelTotals figures = queries.figures(Grouping.WORKER_DAY, workerId, DatePeriod.day(date), null)
                .getOrDefault(workerId, TravelTotals.NONE);
        return new WorkerDayTravel(workerId, providerId, date, figures, queries.legsOf(day));
    }

    @GetMapping("/providers/{providerId}")
    @Operation(
            summary = "A provider's ISO week of travel, in total and per worker",
            description = "week is an ISO week such as 2026-W48 (Monday to Sunday, local dates). CSV gives one line "
                    + "per worker." + AS_OF)
    ProviderWeekTravel providerWeek(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @Parameter(example = "2026-W48") @RequestParam String week,
            @RequestParam(required = false) Instant asOf) {
        DatePeriod days = DatePeriod.isoWeek(week);
        return read(asOf, queries -> providerWeek(queries, providerId, week, days));
    }

    private static ProviderWeekTravel providerWeek(
            TravelTotalsReader queries, String providerId, String week, DatePeriod days) {
        if (!Callers.current().mayActFor(providerId) || !queries.providerExists(providerId)) {
            throw new NotFoundException("unknown-provider", "No provider " + providerId + ".");
        }
        Map<String, TravelTotals> perWorker = queries.figures(Grouping.WORKERS_OF_PROVIDER, providerId, days, null);
        var workers = perWorker.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new WorkerTravel(e.getKey(), e.getValue()))
                .toList();
        var totals = workers.stream().map(WorkerTravel::figures).reduce(TravelTotals.NONE, TravelTotals::plus);
        return new ProviderWeekTravel(providerId, week, days.from(), days.to(), totals, workers);
    }

    @GetMapping("/zones/{zone}")
    @Operation(
            summary = "A zone's ISO week of travel, in total and per provider",
            description = "Visits count in the zone of their package; a leg counts in the zone of the visit it leads "
                    + "to. A provider user sees its own row only. CSV gives one line per provider." + AS_OF)
    ZoneWeekTravel zoneWeek(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String zone,
            @Parameter(example = "2026-W48") @RequestParam String week,
            @RequestParam(required = false) Instant asOf) {
        DatePeriod days = DatePeriod.isoWeek(week);
        Caller caller = Callers.current();
        Map<String, TravelTotals> perProvider =
                read(asOf, queries -> queries.figures(Grouping.PROVIDERS_IN_ZONE, zone, days, caller.providerId()));
        var providers = perProvider.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(e -> new ProviderTravel(e.getKey(), e.getValue()))
                .toList();
        var totals = providers.stream().map(ProviderTravel::figures).reduce(TravelTotals.NONE, TravelTotals::plus);
        return new ZoneWeekTravel(zone, week, days.from(), days.to(), totals, providers);
    }
}
