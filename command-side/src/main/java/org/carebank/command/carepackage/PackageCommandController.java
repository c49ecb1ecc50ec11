package org.carebank.command.carepackage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.carebank.command.web.CommandReceipt;
import org.carebank.command.web.CommandSender;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.carepackage.AcceptPackage;
import org.carebank.kernel.carepackage.CommissionPackage;
import org.carebank.kernel.carepackage.DeclinePackage;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.carepackage.HandBackPackage;
import org.carebank.kernel.carepackage.OfferPackage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/packages")
@Tag(name = "Providers, workers, packages")
class PackageCommandController {

    record Commission(
            @NotNull @Pattern(regexp = Ids.PATTERN) String packageId,
            @NotNull @Pattern(regexp = Ids.PATTERN) String clientRef,
            @NotNull @Pattern(regexp = Ids.PATTERN) String zone,
            @NotNull @Positive @Max(10_080) Integer weeklyMinutes,
            @NotNull @Positive @Max(100_000) Integer hourlyRatePence,
            @NotNull Boolean timeBanking,
            @NotNull LocalDate startsOn,
            LocalDate endsOn) {}

    record ProviderRef(@NotNull @Pattern(regexp = Ids.PATTERN) String providerId) {}

    record Decline(
            @NotNull @Pattern(regexp = Ids.PATTERN) String providerId,
            @NotNull DeclineReason reason,
            @FreeText @Size(max = 500) String note) {}

    record HandBack(@FreeText @NotBlank @Size(max = 500) String reason, @NotNull LocalDate effectiveOn) {}

    private final CommandSender commands;

    PackageCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping
    @Operation(summary = "Commission a care package for a client (council reference only)")
    ResponseEntity<CommandReceipt> commission(@Valid @RequestBody Commission body) {
        var outcome = commands.send(new CommissionPackage(
                body.packageId(),
                body.clientRef(),
                body.zone(),
                body.weeklyMinutes(),
                body.hourlyRatePence(),
                body.timeBanking(),
                body.startsOn(),
                body.endsOn()));
        return CommandReceipt.created(body.packageId(), outcome, "/api/v1/packages/" + body.packageId());
    }

    @PostMapping("/{packageId}/offers")
    @Operation(summary = "Offer the package to an admitted provider")
    ResponseEntity<CommandReceipt> offer(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String packageId, @Valid @RequestBody ProviderRef body) {
        return CommandReceipt.done(packageId, commands.send(new OfferPackage(packageId, body.providerId())));
    }

    @PostMapping("/{packageId}/acceptance")
    @Operation(summary = "The provider accepts an offered package")
    ResponseEntity<CommandReceipt> accept(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String packageId, @Valid @RequestBody ProviderRef body) {
        return CommandReceipt.done(packageId, commands.send(new AcceptPackage(packageId, body.providerId())));
    }

    @PostMapping("/{packageId}/declines")
    @Operation(summary = "The provider declines an offered package, with a reason")
    ResponseEntity<CommandReceipt> decline(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String packageId, @Valid @RequestBody Decline body) {
        return CommandReceipt.done(
                packageId, commands.send(new DeclinePackage(packageId, body.providerId(), body.reason(), body.note())));
    }

    @PostMapping("/{packageId}/hand-back")
    @Operation(summary = "The provider hands the package back to the council")
    ResponseEntity<CommandReceipt> handBack(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String packageId, @Valid @RequestBody HandBack body) {
        return CommandReceipt.done(
                packageId, commands.send(new HandBackPackage(packageId, body.reason(), body.effectiveOn())));
    }
}
