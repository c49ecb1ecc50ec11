package org.carebank.command.visit;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;

/** A roster as the rostering system sends it, and the answer it gets: one result per line. */
final class RosterRequests {

    private RosterRequests() {}

    /**
     * The lines stay raw JSON until {@link RosterLineParser} reads each on its own: a line that cannot be read is
     * refused alone, and the roster's other lines go on.
     */
    record Roster(
            @ArraySchema(schema = @Schema(implementation = RosterLine.class)) @NotNull @Size(min = 1, max = 2000)
                    List<JsonNode> visits) {}

    /** One line of a roster: a schedule request with its visit id. */
    record RosterLine(
            @NotNull @Pattern(regexp = Ids.PATTERN) String visitId,
            @NotNull @Pattern(regexp = Ids.PATTERN) String packageId,
            @NotNull @Pattern(regexp = Ids.PATTERN) String workerId,
            @NotNull Instant plannedStart,
            @NotNull @Min(1) @Max(1440) Integer plannedMinutes,
            Boolean timeCritical,
            @FreeText @Size(max = 500) String shortVisitJustification,
            @Valid GeoPoint location,
            @Min(0) @Max(1440) Integer plannedTravelMinutes) {

        PlanningRequests.Schedule schedule() {
            return new PlanningRequests.Schedule(
                    packageId,
                    workerId,
                    plannedStart,
                    plannedMinutes,
                    timeCritical,
                    shortVisitJustification,
                    location,
                    plannedTravelMinutes);
        }
    }

    enum LineStatus {
        CREATED,
        UNCHANGED,
        REFUSED
    }

    record LineResult(int index, String visitId, LineStatus status, ProblemDetail problem) {}

    record RosterResult(int created, int unchanged, int refused, List<LineResult> visits) {}
}
