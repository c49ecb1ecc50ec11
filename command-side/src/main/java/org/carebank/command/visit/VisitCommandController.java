package org.carebank.command.visit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.carebank.command.visit.AttendanceRequests.CheckIn;
import org.carebank.command.visit.AttendanceRequests.CheckOut;
import org.carebank.command.visit.AttendanceRequests.Delivery;
import org.carebank.command.visit.PlanningRequests.Cancellation;
import org.carebank.command.visit.PlanningRequests.Reassignment;
import org.carebank.command.visit.PlanningRequests.Reschedule;
import org.carebank.command.visit.PlanningRequests.Schedule;
import org.carebank.command.web.CommandReceipt;
import org.carebank.command.web.CommandSender;
import org.carebank.kernel.Ids;
import org.carebank.kernel.visit.CancelVisit;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.CheckOutVisit;
import org.carebank.kernel.visit.ReassignVisit;
import org.carebank.kernel.visit.RecordDelivery;
import org.carebank.kernel.visit.RescheduleVisit;
import org.carebank.kernel.visit.ScheduleVisit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One visit's commands over HTTP: each endpoint maps its body to a command and the outcome to a receipt. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Visits")
class VisitCommandController {

    private final CommandSender commands;

    VisitCommandController(CommandSender commands) {
        this.commands = commands;
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
