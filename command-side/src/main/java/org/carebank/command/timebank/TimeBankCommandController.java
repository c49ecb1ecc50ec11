package org.carebank.command.timebank;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.carebank.command.web.CommandSender;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.timebank.AdjustTimeBank;
import org.carebank.kernel.timebank.BankUnusedTime;
import org.carebank.kernel.timebank.DrawDownTime;
import org.carebank.kernel.timebank.TimeBankReceipt;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/clients/{clientRef}/time-bank")
@Tag(name = "Time bank")
class TimeBankCommandController {

    record Deposit(
            @NotNull @Pattern(regexp = Ids.PATTERN) String visitId,
            @NotNull @Min(1) @Max(1440) Integer minutes,
            @NotBlank @Size(max = 200) String consentBy) {}

    record Withdrawal(
            @NotNull @Pattern(regexp = Ids.PATTERN) String withdrawalId,
            @NotNull @Min(1) @Max(10_000) Integer minutes,
            @FreeText @NotBlank @Size(max = 200) String purpose,
            @Pattern(regexp = Ids.PATTERN) String visitId) {}

    record Adjustment(
            @NotNull @Pattern(regexp = Ids.PATTERN) String adjustmentId,
            @NotNull @Min(-10_000) @Max(10_000) Integer minutes,
            @FreeText @NotBlank @Size(max = 500) String reason) {}

    private final CommandSender commands;

    TimeBankCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/deposits")
    @Operation(summary = "Bank unused minutes of a visit the client ended early (with the client's consent)")
    ResponseEntity<TimeBankReceipt> deposit(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String clientRef, @Valid @RequestBody Deposit body) {
        return answer(
                clientRef,
                commands.send(
                        new BankUnusedTime(clientRef, body.visitId(), body.minutes(), body.consentBy(), commands.now()),
                        TimeBankReceipt.class));
    }

    @PostMapping("/withdrawals")
    @Operation(summary = "Draw banked minutes for a flexible visit or activity; withdrawalId makes a retry safe")
    ResponseEntity<TimeBankReceipt> withdraw(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String clientRef, @Valid @RequestBody Withdrawal body) {
        return answer(
                clientRef,
                commands.send(
                        new DrawDownTime(
                                clientRef,
                                body.withdrawalId(),
                                body.minutes(),
                                body.purpose(),
                                body.visitId(),
                                commands.now()),
                        TimeBankReceipt.class));
    }

    @PostMapping("/adjustments")
    @Operation(summary = "A council adjustment: signed minutes with a reason")
    ResponseEntity<TimeBankReceipt> adjust(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String clientRef, @Valid @RequestBody Adjustment body) {
        return answer(
                clientRef,
                commands.send(
                        new AdjustTimeBank(
                                clientRef, body.adjustmentId(), body.minutes(), body.reason(), commands.now()),
                        TimeBankReceipt.class));
    }

    private static ResponseEntity<TimeBankReceipt> answer(String clientRef, TimeBankReceipt receipt) {
        if (receipt.outcome() == CommandOutcome.RECORDED) {
            return ResponseEntity.created(URI.create("/api/v1/clients/" + clientRef + "/time-bank"))
                    .body(receipt);
        }
        return ResponseEntity.ok(receipt);
    }
}
