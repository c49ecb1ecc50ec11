package org.carebank.query.visit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.query.audit.UpcastEventReader;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One visit's history for the dashboard's drill-down: its events in order, each with who recorded it. Read from the
 * event store like the audit API, but open to the visit's provider (its own visits only) as well as the council.
 */
@RestController
@Tag(name = "Visits")
@ReadsProjection(VisitProjection.PROCESSING_GROUP)
class VisitHistoryController {

    /**
     * @param event the event's name (past tense, e.g. {@code VisitCheckedIn})
     * @param facts the event's fields as recorded
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HistoryLine(long sequence, Instant at, String event, Object facts, String principal, String role) {}

    record VisitHistory(String visitId, String providerId, List<HistoryLine> events) {}

    private final VisitTable table;
    private final UpcastEventReader history;

    VisitHistoryController(VisitTable table, UpcastEventReader history) {
        this.table = table;
        this.history = history;
    }

    @GetMapping("/api/v1/visits/{visitId}/history")
    @Operation(
            summary = "One visit's events in order, with who recorded each",
            description = "For the visit's provider (its own visits only), the council, auditors and admins. The "
                    + "full audit view with metadata and chain positions is /api/v1/audit/streams/visit:{visitId}.")
    VisitHistory history(@PathVariable @Pattern(regexp = Ids.PATTERN) String visitId) {
        var visit = table.byId(visitId)
                .filter(found -> Callers.current().mayActFor(found.providerId()))
                .orElseThrow(() -> new NotFoundException("unknown-visit", "No visit " + visitId + "."));
        var lines = history.all(StreamIds.visit(visitId)).stream()
                .map(VisitHistoryController::line)
                .toList();
        return new VisitHistory(visitId, visit.providerId(), lines);
    }

    private static HistoryLine line(DomainEventMessage<?> event) {
        var caller = Caller.fromMetaData(event.getMetaData());
        return new HistoryLine(
                event.getSequenceNumber(),
                event.getTimestamp(),
                event.getPayloadType().getSimpleName(),
                event.getPayload(),
                caller.principal(),
                caller.role().name());
    }
}
