package org.carebank.query.pay;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.YearMonth;
import org.carebank.kernel.Ids;
import org.carebank.query.asof.AsOfReplay;
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
@ReadsProjection("travel-views")
class PayComplianceController {

    private final PayQueries live;
    private final AsOfReplay replay;

    PayComplianceController(PayQueries live, AsOfReplay replay) {
        this.live = live;
        this.replay = replay;
    }

    @GetMapping(
            value = "/api/v1/providers/{providerId}/pay-compliance",
            produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(
            summary = "A provider's workers' pay for a month against the National Living Wage",
            description =
                    "Per worker with a delivered visit in the month (local day of check-in): contact, travel "
                            + "and waiting minutes, working minutes, pay, average hourly pay over working time, and whether "
                            + "it falls below the National Living Wage in force on the month's first day. CSV gives one line "
                            + "per worker. With asOf= (an instant) the figures as published then, from the events recorded up to it.")
    PayCompliance payCompliance(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @Parameter(example = "2026-11") @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
            @RequestParam(required = false) Instant asOf) {
        return replay.read(asOf, PayComplianceController.class, live, PayQueries.class, queries -> {
            if (!Callers.current().mayActFor(providerId) || !queries.providerExists(providerId)) {
                throw new NotFoundException("unknown-provider", "No provider " + providerId + ".");
            }
            return queries.month(providerId, month);
        });
    }
}
