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
import org.carebank.kernel.Ids;
import org.carebank.kernel.provider.AdmitProvider;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.RecordCqcRatings;
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
}
