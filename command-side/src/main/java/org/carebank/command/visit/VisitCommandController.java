package org.carebank.command.visit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carebank.command.web.CommandInputCheck;
import org.carebank.command.web.CommandProblems;
import org.carebank.command.web.CommandReceipt;
import org.carebank.command.web.CommandSender;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.visit.CancelVisit;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.CheckOutVisit;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.ReassignVisit;
import org.carebank.kernel.visit.RecordDelivery;
import org.carebank.kernel.visit.RescheduleVisit;
import org.carebank.kernel.visit.RosterOutcome;
import org.carebank.kernel.visit.ScheduleRoster;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Visits")
class VisitCommandController {

    record GeoPoint(
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {

        static Location of(GeoPoint point) {
            return point == null ? null : new Location(point.lat(), point.lon());
        }
    }

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

        Schedule schedule() {
            return new Schedule(
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

    record Roster(@NotNull @Size(min = 1, max = 2000) List<JsonNode> visits) {}

    enum LineStatus {
        CREATED,
        UNCHANGED,
        REFUSED
    }

    record LineResult(int index, String visitId, LineStatus status, ProblemDetail problem) {}

    record RosterResult(int created, int unchanged, int refused, List<LineResult> visits) {}

    record Reschedule(@NotNull Instant plannedStart, @NotNull @Min(1) @Max(1440) Integer plannedMinutes) {}

    record Reassignment(@NotNull @Pattern(regexp = Ids.PATTERN) String workerId) {}

    record Cancellation(
            @NotNull CancellationInitiator initiatedBy, @FreeText @NotBlank @Size(max = 500) String reason) {}

    record CheckIn(
            @NotNull Instant at,
            @NotNull EcmMethod method,
            @FreeText @Size(max = 500) String reason,
            @Valid GeoPoint location) {}

    record CheckOut(
            @NotNull Instant at,
            @NotNull EcmMethod method,
            @NotNull Boolean endedEarlyAtClientRequest,
            @FreeText @Size(max = 500) String reason) {}

    record Delivery(
            @NotNull Instant startedAt,
            @NotNull @Min(1) @Max(1440) Integer deliveredMinutes,
            @NotNull Boolean endedEarlyAtClientRequest,
            @FreeText @NotBlank @Size(max = 500) String reason) {}

    private final CommandSender commands;
    private final ObjectMapper json;
    private final Validator validator;
    private final CommandInputCheck input;

    VisitCommandController(CommandSender commands, ObjectMapper json, Validator validator, CommandInputCheck input) {
        this.commands = commands;
        this.json = json;
        this.validator = validator;
        this.input = input;
    }

    @PutMapping("/visits/{visitId}")
    @Operation(
            summary = "Schedule a visit under the caller's id: 201 first time, 200 for the same body again, 409 for"
                    + " a different one")
    ResponseEntity<CommandReceipt> schedule(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody Schedule body) {
        var outcome = commands.send(new ScheduleVisit(visitId, body.plan(), commands.now()));
        return CommandReceipt.created(visitId, outcome, "/api/v1/visits/" + visitId);
    }

    @PostMapping("/rosters")
    @Operation(summary = "Schedule many visits: one result per line; valid lines are stored even if others fail")
    RosterResult roster(@Valid @RequestBody Roster body) {
        var results = new LineResult[body.visits().size()];
        var accepted = new ArrayList<Integer>();
        var schedules = new ArrayList<ScheduleVisit>();
        Instant requestedAt = commands.now();
        for (int i = 0; i < body.visits().size(); i++) {
            JsonNode node = body.visits().get(i);
            String visitId = node != null && node.hasNonNull("visitId")
                    ? node.get("visitId").asString()
                    : null;
            var line = parse(node);
            if (line.refusal() != null) {
                results[i] = refused(i, visitId, line.refusal());
            } else {
                accepted.add(i);
                schedules.add(new ScheduleVisit(
                        line.line().visitId(), line.line().schedule().plan(), requestedAt));
            }
        }
        if (!schedules.isEmpty()) {
            // The lines that pass the field rules are scheduled together, in one unit of work (ADR 0008).
            var outcome = commands.send(new ScheduleRoster(schedules), RosterOutcome.class);
            for (int k = 0; k < accepted.size(); k++) {
                int index = accepted.get(k);
                var line = outcome.lines().get(k);
                String visitId = schedules.get(k).visitId();
                results[index] = line.refusal() != null
                        ? refused(index, visitId, line.refusal())
                        : new LineResult(
                                index,
                                visitId,
                                line.outcome() == CommandOutcome.RECORDED ? LineStatus.CREATED : LineStatus.UNCHANGED,
                                null);
            }
        }
        var all = List.of(results);
        return new RosterResult(
                count(all, LineStatus.CREATED), count(all, LineStatus.UNCHANGED), count(all, LineStatus.REFUSED), all);
    }

    private record ParsedLine(RosterLine line, Refusal refusal) {}

    private ParsedLine parse(JsonNode node) {
        RosterLine line;
        try {
            line = json.treeToValue(node, RosterLine.class);
        } catch (JacksonException | IllegalArgumentException e) {
            return new ParsedLine(
                    null,
                    new Refusal(
                            "malformed-request",
                            400,
                            "Malformed request",
                            e instanceof JacksonException unreadable
                                    ? CommandProblems.readableCause(unreadable)
                                    : "This roster line is not a valid visit.",
                            Map.of()));
        }
        // The same value rules as every request body (CommandInputCheck), then the field rules: a line that breaks
        // either is refused alone, and the roster's other lines go on.
        var errors = new ArrayList<Map<String, String>>();
        if (line != null) {
            input.problemsOf(line).forEach(problem -> errors.add(problem.asError()));
            validator.validate(line).forEach(violation -> errors.add(fieldError(violation)));
        }
        if (line == null || !errors.isEmpty()) {
            return new ParsedLine(
                    null,
                    new Refusal(
                            "invalid-request",
                            400,
                            "Invalid request",
                            "This roster line breaks field rules.",
                            Map.of("errors", List.copyOf(errors))));
        }
        return new ParsedLine(line, null);
    }

    private static Map<String, String> fieldError(ConstraintViolation<?> violation) {
        return Map.of("field", violation.getPropertyPath().toString(), "message", violation.getMessage());
    }

    private static LineResult refused(int index, String visitId, Refusal refusal) {
        return new LineResult(index, visitId, LineStatus.REFUSED, Problems.of(refusal));
    }

    private static int count(List<LineResult> results, LineStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }

    @PostMapping("/visits/{visitId}/reschedule")
    @Operation(summary = "Move a scheduled visit to a new time or length")
    ResponseEntity<CommandReceipt> reschedule(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody Reschedule body) {
        return CommandReceipt.done(
                visitId,
                commands.send(
                        new RescheduleVisit(visitId, body.plannedStart(), body.plannedMinutes(), commands.now())));
    }

    @PostMapping("/visits/{visitId}/reassignment")
    @Operation(summary = "Give a scheduled visit to another worker of the same provider")
    ResponseEntity<CommandReceipt> reassign(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody Reassignment body) {
        return CommandReceipt.done(visitId, commands.send(new ReassignVisit(visitId, body.workerId())));
    }

    @PostMapping("/visits/{visitId}/cancellation")
    @Operation(summary = "Cancel a scheduled visit; the notice given is recorded")
    ResponseEntity<CommandReceipt> cancel(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody Cancellation body) {
        return CommandReceipt.done(
                visitId, commands.send(new CancelVisit(visitId, body.initiatedBy(), body.reason(), commands.now())));
    }

    @PostMapping("/visits/{visitId}/check-in")
    @Operation(summary = "Electronic call monitoring: the worker arrived")
    ResponseEntity<CommandReceipt> checkIn(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody CheckIn body) {
        return CommandReceipt.done(
                visitId,
                commands.send(new CheckInVisit(
                        visitId, body.at(), body.method(), body.reason(), GeoPoint.of(body.location()))));
    }

    @PostMapping("/visits/{visitId}/check-out")
    @Operation(summary = "Electronic call monitoring: the worker left; delivered minutes and billing follow")
    ResponseEntity<CommandReceipt> checkOut(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody CheckOut body) {
        return CommandReceipt.done(
                visitId,
                commands.send(new CheckOutVisit(
                        visitId, body.at(), body.method(), body.endedEarlyAtClientRequest(), body.reason())));
    }

    @PostMapping("/visits/{visitId}/delivery")
    @Operation(summary = "Record delivered minutes without ECM (a reason is required)")
    ResponseEntity<CommandReceipt> delivery(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody Delivery body) {
        return CommandReceipt.done(
                visitId,
                commands.send(new RecordDelivery(
                        visitId,
                        body.startedAt(),
                        body.deliveredMinutes(),
                        body.endedEarlyAtClientRequest(),
                        body.reason())));
    }
}
