package org.carebank.query.charter;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import org.carebank.kernel.Ids;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.performance.PerformanceQueries;
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
@ReadsProjection({"performance-views", "travel-views"})
class CharterQueryController {

    private final PerformanceQueries performance;
    private final CharterMeasures measures;
    private final AsOfReplay replay;

    CharterQueryController(PerformanceQueries performance, CharterMeasures measures, AsOfReplay replay) {
        this.performance = performance;
        this.measures = measures;
        this.replay = replay;
    }

    @GetMapping(
            value = "/api/v1/providers/{providerId}/charter",
            produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(
            summary = "A provider's Ethical Care Charter measures over a period, each with the expectation beside it",
            description = "from and to are local dates, both included. Visit measures count visits planned in the "
                    + "period; travel measures count legs on the period's days. CSV gives one line per measure. With "
                    + "asOf= (an instant) the measures as published then, from the events recorded up to it.")
    CharterView charter(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Instant asOf) {
        var period = new DatePeriod(from, to);
        if (!Callers.current().mayActFor(providerId)) {
            throw unknown(providerId);
        }
        if (asOf == null) {
            return charter(performance, measures, providerId, period);
        }
        return replay.answer(
                asOf,
                CharterQueryController.class,
                views -> charter(
                        views.get(PerformanceQueries.class), views.get(CharterMeasures.class), providerId, period));
    }

    private static CharterView charter(
            PerformanceQueries performance, CharterMeasures measures, String providerId, DatePeriod period) {
        if (performance.standings(providerId).isEmpty()) {
            throw unknown(providerId);
        }
        return new CharterView(providerId, period.from(), period.to(), measures.of(providerId, period));
    }

    private static NotFoundException unknown(String providerId) {
        return new NotFoundException("unknown-provider", "No provider " + providerId + ".");
    }
}
