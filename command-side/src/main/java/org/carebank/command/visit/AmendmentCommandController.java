package org.carebank.command.visit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import org.carebank.command.web.CommandSender;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentReceipt;
import org.carebank.kernel.visit.ApproveVisitAmendment;
import org.carebank.kernel.visit.RejectVisitAmendment;
import org.carebank.kernel.visit.RequestVisitAmendment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Visit maintenance over HTTP: a provider (or the council) asks to correct a visit's record, the council approves or
 * rejects it. The rules (lock period, one open amendment, four eyes, auto-approval) are the {@link Visit}'s.
 */
@RestController
@RequestMapping("/api/v1/visits/{visitId}/amendments")
@Tag(name = "Visit maintenance")
class AmendmentCommandController {

    private static final String PROBLEM = "application/problem+json";

    record Amendment(
            @NotNull @Pattern(regexp = Ids.PATTERN) String amendmentId,
            Instant checkedInAt,
            Instant checkedOutAt,
            Boolean endedEarlyAtClientRequest,
            Boolean notDelivered,
            @NotNull AmendmentReason reasonCode,
            @FreeText @Size(max = 1000) String note) {}

    record Approval(@FreeText @Size(max = 1000) String note) {}

    record Rejection(@FreeText @NotBlank @Size(max = 1000) String reason) {}

    private final CommandSender commands;

    AmendmentCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(
            summary = "Ask to correct a visit's record (times, ended early, not delivered) with a reason code",
            description = "201 {status: PENDING|APPROVED} (APPROVED when the auto-approval setting covers the change);"
                    + " 200 for the same amendment again. A provider amends its own visits only.")
    @ApiResponse(responseCode = "201", description = "amendment recorded")
    @ApiResponse(
            responseCode = "422",
            description = "amendment-locked (past the lock period), amendment-pending (another is open), note-required"
                    + " (OTHER without a note), amendment-of-cancelled-visit, visit-not-yet-due, amendment-incomplete,"
                    + " amendment-changes-nothing, check-out-before-check-in, ecm-time-out-of-window",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown-visit",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    @ApiResponse(
            responseCode = "409",
            description = "amendment-id-reused",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    ResponseEntity<AmendmentReceipt> request(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody Amendment body) {
        var receipt = commands.send(
                new RequestVisitAmendment(
                        visitId,
                        body.amendmentId(),
                        body.checkedInAt(),
                        body.checkedOutAt(),
                        body.endedEarlyAtClientRequest(),
                        Boolean.TRUE.equals(body.notDelivered()),
                        body.reasonCode(),
                        body.note(),
                        commands.now()),
                AmendmentReceipt.class);
        if (receipt.outcome() == CommandOutcome.RECORDED) {
            return ResponseEntity.created(URI.create("/api/v1/amendments?visitId=" + visitId))
                    .body(receipt);
        }
        return ResponseEntity.ok(receipt);
    }

    @PostMapping("/{amendmentId}/approval")
    @Operation(summary = "The council approves an amendment: the visit and every figure follow the amended times")
    @ApiResponse(responseCode = "200", description = "approved (or approved before: the same answer)")
    @ApiResponse(
            responseCode = "403",
            description = "four-eyes-required (the requester cannot decide its own amendment), council-only",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown-visit, unknown-amendment",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    @ApiResponse(
            responseCode = "409",
            description = "amendment-already-decided",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    ResponseEntity<AmendmentReceipt> approve(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String amendmentId,
            @Valid @RequestBody(required = false) Approval body) {
        String note = body == null ? null : body.note();
        return ResponseEntity.ok(commands.send(
                new ApproveVisitAmendment(visitId, amendmentId, note, commands.now()), AmendmentReceipt.class));
    }

    @PostMapping("/{amendmentId}/rejection")
    @Operation(summary = "The council rejects an amendment: the visit keeps its recorded times")
    @ApiResponse(responseCode = "200", description = "rejected (or rejected before: the same answer)")
    @ApiResponse(
            responseCode = "403",
            description = "four-eyes-required (the requester cannot decide its own amendment), council-only",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown-visit, unknown-amendment",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    @ApiResponse(
            responseCode = "409",
            description = "amendment-already-decided",
            content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
    ResponseEntity<AmendmentReceipt> reject(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String amendmentId,
            @Valid @RequestBody Rejection body) {
        return ResponseEntity.ok(commands.send(
                new RejectVisitAmendment(visitId, amendmentId, body.reason(), commands.now()), AmendmentReceipt.class));
    }
}
