package org.carebank.command.visit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.VisitPlan;

/** The bodies of the requests that plan a visit: schedule, reschedule, reassign, cancel. */
final class PlanningRequests {

    private PlanningRequests() {}

    record Schedule(
            @NotNull @Pattern(regexp = Ids.PATTERN) String packageId,
            @NotNull @Pattern(regexp = Ids.PATTERN) String workerId,
            @NotNull Instant plannedStart,
            @NotNull @Min(1) @Max(1440) Integer plannedMinutes,
            Boolean timeCritical,
            @FreeText @Size(max = 500) String shortVisitJustification,
            @Valid GeoPoint location,
            @Min(0) @Max(1440) Integer plannedTravelMinutes) {

        VisitPlan plan() {
            return new VisitPlan(
                    packageId,
                    workerId,
                    plannedStart,
                    plannedMinutes,
                    Boolean.TRUE.equals(timeCritical),
                    shortVisitJustification,
                    GeoPoint.of(location),
                    plannedTravelMinutes);
        }
    }

    record Reschedule(@NotNull Instant plannedStart, @NotNull @Min(1) @Max(1440) Integer plannedMinutes) {}

    record Reassignment(@NotNull @Pattern(regexp = Ids.PATTERN) String workerId) {}

    record Cancellation(
            @NotNull CancellationInitiator initiatedBy, @FreeText @NotBlank @Size(max = 500) String reason) {}
}
