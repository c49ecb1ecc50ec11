package org.carebank.command.visit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.ImportVisit;
import org.carebank.kernel.visit.VisitPlan;

/** A line of a history import as the council sends it (a CSV record or a JSON line), and the answer to the import. */
final class ImportRequests {

    private ImportRequests() {}

    /** The CSV columns, in the order the documentation lists them; a header names the ones a file uses, in any order. */
    static final List<String> COLUMNS = List.of(
            "visitId",
            "packageId",
            "workerId",
            "plannedStart",
            "plannedMinutes",
            "timeCritical",
            "shortVisitJustification",
            "plannedTravelMinutes",
            "checkedInAt",
            "checkedOutAt",
            "method",
            "endedEarlyAtClientRequest",
            "cancelled",
            "cancelledBy",
            "cancelledAt",
            "cancellationReason");

    static final List<String> REQUIRED_COLUMNS =
            List.of("visitId", "packageId", "workerId", "plannedStart", "plannedMinutes");

    /** Without {@code cancelledBy}, a cancellation in the previous system is taken as recorded by the council. */
    static final String IMPORTED_CANCELLATION_REASON = "cancelled in the previous ECM system (imported)";

    record ImportLine(
            @NotNull @Pattern(regexp = Ids.PATTERN) String visitId,
            @NotNull @Pattern(regexp = Ids.PATTERN) String packageId,
            @NotNull @Pattern(regexp = Ids.PATTERN) String workerId,
            @NotNull Instant plannedStart,
            @NotNull @Min(1) @Max(1440) Integer plannedMinutes,
            Boolean timeCritical,
            @FreeText @Size(max = 500) String shortVisitJustification,
            @Min(0) @Max(1440) Integer plannedTravelMinutes,
            Instant checkedInAt,
            Instant checkedOutAt,
            EcmMethod method,
            Boolean endedEarlyAtClientRequest,
            Boolean cancelled,
            CancellationInitiator cancelledBy,
            Instant cancelledAt,
            @FreeText @Size(max = 500) String cancellationReason) {

        ImportVisit command(Instant requestedAt) {
            var plan = new VisitPlan(
                    packageId,
                    workerId,
                    plannedStart,
                    plannedMinutes,
                    Boolean.TRUE.equals(timeCritical),
                    shortVisitJustification,
                    null,
                    plannedTravelMinutes);
            ImportVisit.Cancellation cancellation = Boolean.TRUE.equals(cancelled)
                    ? new ImportVisit.Cancellation(
                            cancelledBy == null ? CancellationInitiator.COUNCIL : cancelledBy,
                            cancellationReason == null || cancellationReason.isBlank()
                                    ? IMPORTED_CANCELLATION_REASON
                                    : cancellationReason,
                            cancelledAt == null ? plannedStart : cancelledAt)
                    : null;
            return new ImportVisit(
                    visitId,
                    plan,
                    checkedInAt,
                    checkedOutAt,
                    method,
                    Boolean.TRUE.equals(endedEarlyAtClientRequest),
                    cancellation,
                    requestedAt);
        }
    }
}
