package org.carebank.query.amendment;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvHttpMessageConverter;
import org.carebank.query.web.CsvTable;
import org.carebank.web.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The amendment queue: the council sees every provider's, a provider only its own, an auditor reads it. Oldest
 * request first, so the queue is worked in order.
 */
@RestController
@Tag(name = "Visit maintenance")
@ReadsProjection(AmendmentProjection.PROCESSING_GROUP)
class AmendmentQueryController {

    private final AmendmentTable table;
    private final AsOfReplay replay;

    AmendmentQueryController(AmendmentTable table, AsOfReplay replay) {
        this.table = table;
        this.replay = replay;
    }

    @GetMapping(value = "/api/v1/amendments", produces = APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The amendment queue with each amendment's before and after",
            description = "Filter by providerId, status (PENDING, APPROVED, REJECTED) and visitId; a provider sees"
                    + " its own amendments only. text/csv gives the same rows."
                    + " With asOf= (an instant) the queue as it stood then, from the events recorded up to it.")
    List<AmendmentView> amendments(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) AmendmentStatus status,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String visitId,
            @RequestParam(required = false) Instant asOf) {
        Caller caller = Callers.current();
        return replay.read(
                asOf,
                AmendmentQueryController.class,
                table,
                AmendmentTable.class,
                t -> t.queue(caller.providerId(), providerId, status, visitId));
    }

    @GetMapping(value = "/api/v1/amendments", produces = CsvHttpMessageConverter.TEXT_CSV_VALUE)
    @Operation(summary = "The amendment queue as CSV, one line per amendment")
    CsvExportable amendmentsCsv(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) AmendmentStatus status,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String visitId,
            @RequestParam(required = false) Instant asOf) {
        List<List<Object>> rows = amendments(providerId, status, visitId, asOf).stream()
                .<List<Object>>map(a -> Arrays.asList(
                        a.amendmentId(),
                        a.visitId(),
                        a.providerId(),
                        a.clientRef(),
                        a.plannedStart(),
                        a.status(),
                        a.reasonCode(),
                        a.note(),
                        a.before().status(),
                        a.before().checkedInAt(),
                        a.before().checkedOutAt(),
                        a.before().deliveredMinutes(),
                        a.after().checkedInAt(),
                        a.after().checkedOutAt(),
                        a.after().deliveredMinutes(),
                        a.after().notDelivered(),
                        a.requestedBy(),
                        a.requestedAt(),
                        a.decidedBy(),
                        a.decidedAt()))
                .toList();
        var csvTable = new CsvTable(
                List.of(
                        "amendmentId",
                        "visitId",
                        "providerId",
                        "clientRef",
                        "plannedStart",
                        "status",
                        "reasonCode",
                        "note",
                        "beforeStatus",
                        "beforeCheckedInAt",
                        "beforeCheckedOutAt",
                        "beforeDeliveredMinutes",
                        "afterCheckedInAt",
                        "afterCheckedOutAt",
                        "afterDeliveredMinutes",
                        "afterNotDelivered",
                        "requestedBy",
                        "requestedAt",
                        "decidedBy",
                        "decidedAt"),
                rows);
        return () -> csvTable; // written by the CSV converter: charset and file name like every other download
    }
}
