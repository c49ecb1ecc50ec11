package org.carebank.query.performance;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;
import org.carebank.kernel.Ids;
import org.carebank.kernel.caller.Caller;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Callers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Dashboards")
@ReadsProjection({PerformanceProjection.PROCESSING_GROUP, "alert-views", "payment-views"})
class PerformanceQueryController {

    private static final String PERIOD = "from and to are local dates, both included (from=2026-11-01&to=2026-11-30 "
            + "is November). Visits count in the period of their planned start; package events at the moment they "
            + "happened.";

    private static final String AS_OF = " With asOf= (an instant) the figures as published then: the same views "
            + "rebuilt from the events recorded up to that instant.";

    private final ProviderPerformances performances;
    private final AsOfReplay replay;

    PerformanceQueryController(ProviderPerformances performances, AsOfReplay replay) {
        this.performances = performances;
        this.replay = replay;
    }

    @GetMapping(
            value = "/api/v1/providers/{providerId}/performance",
            produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(summary = "One provider's performance over a period", description = PERIOD + AS_OF)
    ProviderPerformance provider(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Instant asOf) {
        var period = new DatePeriod(from, to);
        if (!Callers.current().mayActFor(providerId)) {
            throw unknown(providerId);
        }
        return performances(asOf, views -> views.of(period, providerId)).stream()
                .findFirst()
                .orElseThrow(() -> unknown(providerId));
    }

    @GetMapping(
            value = "/api/v1/performance/providers",
            produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(
            summary = "Every provider's performance over a period, side by side (a provider user sees its own)",
            description = PERIOD + " CSV gives one line per provider." + AS_OF)
    PerformanceComparison providers(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Instant asOf) {
        var period = new DatePeriod(from, to);
        Caller caller = Callers.current();
        return new PerformanceComparison(from, to, performances(asOf, views -> views.of(period, caller.providerId())));
    }

    /** The live views, or with {@code asOf} the same views replayed up to that instant. */
    private <R> R performances(Instant asOf, Function<ProviderPerformances, R> question) {
        return asOf == null
                ? question.apply(performances)
                : replay.answer(
                        asOf,
                        PerformanceQueryController.class,
                        views -> question.apply(views.get(ProviderPerformances.class)));
    }

    private static NotFoundException unknown(String providerId) {
        return new NotFoundException("unknown-provider", "No provider " + providerId + ".");
    }
}
