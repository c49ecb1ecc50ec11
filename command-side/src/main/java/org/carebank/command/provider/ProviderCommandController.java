package org.carebank.command.provider;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.carebank.command.web.CommandReceipt;
import org.carebank.command.web.CommandSender;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.UkDates;
import org.carebank.kernel.provider.AdmitProvider;
import org.carebank.kernel.provider.ChangeWorkerPay;
import org.carebank.kernel.provider.CompleteActionPlan;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.LeavingReason;
import org.carebank.kernel.provider.OpenActionPlan;
import org.carebank.kernel.provider.QualificationKind;
import org.carebank.kernel.provider.RecordCqcRatings;
import org.carebank.kernel.provider.RecordQualification;
import org.carebank.kernel.provider.RecordWorkerLeaving;
import org.carebank.kernel.provider.RegisterWorker;
import org.carebank.kernel.provider.TravelMode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/providers")
@Tag(name = "Providers, workers, packages")
class ProviderCommandController {

    record Cqc(
            @NotNull CqcRating overall,
            @NotNull CqcRating safe,
            @NotNull CqcRating effective,
            @NotNull CqcRating caring,
            @NotNull CqcRating responsive,
            @NotNull CqcRating wellLed,
            @NotNull @PastOrPresent LocalDate inspectedOn) {

        CqcRatings ratings() {
            return new CqcRatings(overall, safe, effective, caring, responsive, wellLed, inspectedOn);
        }
    }

    record Admission(
            @NotNull @Pattern(regexp = Ids.PATTERN) String providerId,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(min = 1, max = 100) List<@NotNull @Pattern(regexp = Ids.PATTERN) String> zones,
            @NotNull @Valid Cqc cqc) {}

    record Worker(
            @NotNull @Pattern(regexp = Ids.PATTERN) String workerId,
            @NotNull ContractType contractType,
            @NotNull TravelMode travelMode,
            @NotNull @Positive @Max(100_000) Integer hourlyPayPence) {}

    record PayChange(@NotNull @Positive @Max(100_000) Integer hourlyPayPence, @NotNull LocalDate effectiveFrom) {}

    record Leaving(@NotNull LocalDate leftOn, @NotNull LeavingReason reason) {}

    record Qualification(
            @NotNull @Pattern(regexp = Ids.PATTERN) String qualificationId,
            @NotNull QualificationKind kind,
            @NotNull @PastOrPresent LocalDate achievedOn,
            LocalDate expiresOn) {}

    record ActionPlan(
            @NotNull @Pattern(regexp = Ids.PATTERN) String planId,
            @NotBlank @FreeText @Size(max = 500) String reason,
            @NotNull LocalDate dueBy) {}

    private final CommandSender commands;

    ProviderCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Admit a provider to the approved list (CQC overall and well-led at least the minimum)")
    ResponseEntity<CommandReceipt> admit(@Valid @RequestBody Admission body) {
        var outcome = commands.send(new AdmitProvider(
                body.providerId(), body.name(), body.zones(), body.cqc().ratings()));
        return CommandReceipt.created(body.providerId(), outcome, "/api/v1/providers/" + body.providerId());
    }

    @PostMapping("/{providerId}/cqc-ratings")
    @Operation(summary = "Record new CQC ratings; may suspend or reinstate the provider")
    ResponseEntity<CommandReceipt> rate(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId, @Valid @RequestBody Cqc body) {
        return CommandReceipt.done(providerId, commands.send(new RecordCqcRatings(providerId, body.ratings())));
    }

    @PostMapping("/{providerId}/workers")
    @Operation(summary = "Register a care worker under the provider")
    ResponseEntity<CommandReceipt> registerWorker(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId, @Valid @RequestBody Worker body) {
        var outcome = commands.send(new RegisterWorker(
                providerId, body.workerId(), body.contractType(), body.travelMode(), body.hourlyPayPence()));
        return CommandReceipt.created(
                body.workerId(), outcome, "/api/v1/providers/" + providerId + "/workers/" + body.workerId());
    }

    @PostMapping("/{providerId}/workers/{workerId}/pay")
    @Operation(
            summary = "Change a worker's hourly pay from a date (pay compliance uses the pay in force on each day);"
                    + " a re-registration with other details is refused 409 worker-id-reused")
    ResponseEntity<CommandReceipt> changePay(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String workerId,
            @Valid @RequestBody PayChange body) {
        var outcome =
                commands.send(new ChangeWorkerPay(providerId, workerId, body.hourlyPayPence(), body.effectiveFrom()));
        return CommandReceipt.created(workerId, outcome, "/api/v1/providers/" + providerId + "/workers/" + workerId);
    }

    @PostMapping("/{providerId}/workers/{workerId}/leaving")
    @Operation(
            summary = "Record that a worker leaves on a date: visits planned on or after it are refused 422"
                    + " worker-left; counts towards the provider's turnover")
    ResponseEntity<CommandReceipt> leave(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String workerId,
            @Valid @RequestBody Leaving body) {
        var outcome = commands.send(new RecordWorkerLeaving(providerId, workerId, body.leftOn(), body.reason()));
        return CommandReceipt.created(workerId, outcome, "/api/v1/providers/" + providerId + "/workers/" + workerId);
    }

    @PostMapping("/{providerId}/workers/{workerId}/qualifications")
    @Operation(summary = "Record a qualification or training a worker achieved (the Charter view counts them)")
    ResponseEntity<CommandReceipt> qualify(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String workerId,
            @Valid @RequestBody Qualification body) {
        var outcome = commands.send(new RecordQualification(
                providerId, workerId, body.qualificationId(), body.kind(), body.achievedOn(), body.expiresOn()));
        return CommandReceipt.created(
                body.qualificationId(), outcome, "/api/v1/providers/" + providerId + "/workers/" + workerId);
    }

    @PostMapping("/{providerId}/action-plans")
    @Operation(
            summary = "Council: open an action plan for a provider rated Requires Improvement, due by a date"
                    + " (422 provider-not-requires-improvement otherwise)")
    ResponseEntity<CommandReceipt> openActionPlan(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId, @Valid @RequestBody ActionPlan body) {
        var outcome =
                commands.send(new OpenActionPlan(providerId, body.planId(), body.reason(), body.dueBy(), today()));
        return CommandReceipt.created(
                body.planId(), outcome, "/api/v1/providers/" + providerId + "/action-plans/" + body.planId());
    }

    @PostMapping("/{providerId}/action-plans/{planId}/completion")
    @Operation(summary = "Council: record that the provider completed the action plan (late when after its due date)")
    ResponseEntity<CommandReceipt> completeActionPlan(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String planId) {
        return CommandReceipt.done(planId, commands.send(new CompleteActionPlan(providerId, planId, today())));
    }

    private LocalDate today() {
        return UkDates.dayOf(commands.now());
    }
}
