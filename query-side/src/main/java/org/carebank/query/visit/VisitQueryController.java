package org.carebank.query.visit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.audit.UpcastEventReader;
import org.carebank.query.payment.VisitPricing;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.NotFoundException;
import org.carebank.query.web.Page;
import org.carebank.web.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/visits")
@Tag(name = "Visits")
@ReadsProjection({VisitProjection.PROCESSING_GROUP, "payment-views"})
class VisitQueryController {

    private final VisitTable table;
    private final UpcastEventReader history;
    private final VisitPricing pricing;

    VisitQueryController(VisitTable table, UpcastEventReader history, VisitPricing pricing) {
        this.table = table;
        this.history = history;
        this.pricing = pricing;
    }

    @GetMapping("/{visitId}")
    @Operation(
            summary = "One visit: plan, status, ECM times, delivered and billable figures",
            description = "With asOf= the visit as recorded up to that instant, folded from its events.")
    VisitView visit(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @RequestParam(required = false) Instant asOf) {
        Caller caller = Callers.current();
        var found = asOf != null ? VisitFold.fold(history.upTo(StreamIds.visit(visitId), asOf)) : table.byId(visitId);
        var visit = found.filter(v -> caller.mayActFor(v.providerId()))
                .orElseThrow(() -> new NotFoundException("unknown-visit", "No visit " + visitId + "."));
        if (asOf != null) {
            return visit; // as recorded then: the figures frozen at delivery
        }
        return pricing.of(visitId)
                .map(line ->
                        visit.billedAs(line.billableMinutes(), line.amountPence(), line.rule(), line.hourlyRatePence()))
                .orElse(visit);
    }

    @GetMapping
    @Operation(summary = "Visits by provider, client, worker, planned start range [from, to) and status, paged")
    Page<VisitView> visits(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String clientRef,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String workerId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) VisitStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Caller caller = Callers.current();
        var filter = new VisitTable.Filter(caller.providerId(), providerId, clientRef, workerId, from, to, status);
        return table.page(filter, page, size);
    }
}
