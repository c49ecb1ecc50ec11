package org.carebank.query.charter;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.carebank.kernel.Ids;
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

    CharterQueryController(PerformanceQueries performance, CharterMeasures measures) {
        this.performance = performance;
        this.measures = measures;
    }

    @GetMapping(
            value = "/api/v1/providers/{providerId}/charter",
            produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(
            summary = "A provider's Ethical Care Charter measures over a period, each with the expectation beside it",
            description = "from and to are local dates, both included. Visit measures count visits planned in the "
                    + "period; travel measures count legs on the period's days. CSV gives one line per measure.")
    CharterView charter(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        var period = new DatePeriod(from, to);
        if (!Callers.current().mayActFor(providerId)
                || performance.standings(providerId).isEmpty()) {
            throw new NotFoundException("unknown-provider", "No provider " + providerId + ".");
        }
        return new CharterView(providerId, from, to, measures.of(providerId, period));
    }
}
