package org.carebank.command.alert;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.carebank.command.web.CommandReceipt;
import org.carebank.command.web.CommandSender;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.alert.AcknowledgeAlert;
import org.carebank.kernel.alert.AlertIds;
import org.carebank.kernel.alert.AlertOutcome;
import org.carebank.kernel.alert.ResolveAlert;
import org.carebank.kernel.refusal.Refusal;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An alert's lifecycle over HTTP. An alert lives in its visit (ADR 0017), so each command goes to the visit its id
 * names; the provider (its own visits only) or the council may acknowledge and resolve.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Alerts")
class AlertCommandController {

    /** Alert ids are {@code <visitId>:<n>}: a visit id of up to 64 characters and the visit's alert number. */
    private static final String ALERT_ID = "[A-Za-z0-9._:-]{3,72}";

    private final CommandSender commands;

    AlertCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record Acknowledgement(@FreeText @Size(max = 500) String note) {}

    record Resolution(@NotNull AlertOutcome outcome, @FreeText @NotBlank @Size(max = 500) String note) {}

    @PostMapping("/alerts/{alertId}/acknowledgement")
    @Operation(summary = "Acknowledge an open alert (provider for its own visits, or the council), with a note")
    @ApiResponse(responseCode = "200", description = "acknowledged, or the same acknowledgement already recorded")
    @ApiResponse(responseCode = "404", description = "unknown-alert")
    @ApiResponse(responseCode = "409", description = "alert-already-acknowledged, alert-already-resolved")
    ResponseEntity<CommandReceipt> acknowledge(
            @PathVariable @Pattern(regexp = ALERT_ID) String alertId, @Valid @RequestBody Acknowledgement body) {
        String visitId = visitOf(alertId);
        return CommandReceipt.done(
                alertId, commands.send(new AcknowledgeAlert(alertId, visitId, body.note(), commands.now())));
    }

    @PostMapping("/alerts/{alertId}/resolution")
    @Operation(
            summary = "Resolve an alert with an outcome and a note; allowed straight from OPEN. Resolving an alert"
                    + " also resolves its escalation")
    @ApiResponse(responseCode = "200", description = "resolved, or the same resolution already recorded")
    @ApiResponse(responseCode = "404", description = "unknown-alert")
    @ApiResponse(responseCode = "409", description = "alert-already-resolved")
    ResponseEntity<CommandReceipt> resolve(
            @PathVariable @Pattern(regexp = ALERT_ID) String alertId, @Valid @RequestBody Resolution body) {
        String visitId = visitOf(alertId);
        return CommandReceipt.done(
                alertId,
                commands.send(new ResolveAlert(alertId, visitId, body.outcome(), body.note(), commands.now())));
    }

    private static String visitOf(String alertId) {
        return AlertIds.visitIdOf(alertId)
                .orElseThrow(() -> Refusal.notFound("unknown-alert", "No alert " + alertId + ".")
                        .exception());
    }
}
