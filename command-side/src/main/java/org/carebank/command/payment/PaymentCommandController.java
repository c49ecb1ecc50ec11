package org.carebank.command.payment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import org.carebank.command.web.CommandReceipt;
import org.carebank.command.web.CommandSender;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.Ids;
import org.carebank.kernel.payment.AcceptVisitExceptions;
import org.carebank.kernel.payment.BillingTerms;
import org.carebank.kernel.payment.IssueStatement;
import org.carebank.kernel.payment.RateReviewReceipt;
import org.carebank.kernel.payment.RecordPackageRate;
import org.carebank.kernel.payment.ReviewRates;
import org.carebank.kernel.payment.SetBillingRule;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.visit.BillingRule;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The council's payment commands: rates, rate reviews, billing rules, exception acceptance, statements. */
@RestController
@Tag(name = "Rates, billing rules, payment statements")
class PaymentCommandController {

    record Rate(
            @NotNull @Pattern(regexp = Ids.PATTERN) String rateId,
            @NotNull @Positive @Max(100_000) Integer hourlyRatePence,
            @NotNull LocalDate effectiveFrom,
            @FreeText @NotBlank @Size(max = 500) String reason) {}

    record Review(
            @NotNull @Pattern(regexp = Ids.PATTERN) String reviewId,
            @NotNull LocalDate effectiveFrom,
            @NotNull @DecimalMin("-50") @DecimalMax("100") @Digits(integer = 3, fraction = 4) BigDecimal upliftPercent,
            @FreeText @NotBlank @Size(max = 500) String basis,
            @Pattern(regexp = Ids.PATTERN) String zone,
            @Pattern(regexp = Ids.PATTERN) String providerId) {}

    record ReviewReceipt(String reviewId, CommandOutcome outcome, int packagesUplifted) {}

    record Rule(
            @NotNull BillingRule rule,
            @Min(1) @Max(240) Integer unitMinutes,
            @Min(0) @Max(239) Integer toleranceMinutes,
            @Min(0) @Max(240) Integer minimumMinutes,
            @NotNull LocalDate effectiveFrom) {}

    record Acceptance(@FreeText @NotBlank @Size(max = 500) String note) {}

    record Statement(
            @NotNull @Pattern(regexp = Ids.PATTERN) String statementId,
            @NotNull LocalDate periodFrom,
            @NotNull LocalDate periodTo) {}

    private final CommandSender commands;

    PaymentCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/api/v1/packages/{packageId}/rates")
    @Operation(
            summary = "Set the package's hourly rate from a date (council)",
            description =
                    "Visits planned on or after effectiveFrom are billed at it, delivered ones not yet on an issued"
                            + " statement included; a paid visit whose amount changes gets an adjustment line on the next"
                            + " statement. Problems: 404 unknown-package, 409 rate-id-reused.")
    ResponseEntity<CommandReceipt> rate(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String packageId, @Valid @RequestBody Rate body) {
        var outcome = commands.send(new RecordPackageRate(
                packageId, body.rateId(), body.hourlyRatePence(), body.effectiveFrom(), body.reason()));
        return CommandReceipt.created(body.rateId(), outcome, "/api/v1/packages/" + packageId + "/rates");
    }

    @PostMapping("/api/v1/rate-reviews")
    @Operation(
            summary = "Annual rate review: uplift every active package in scope from a date (council)",
            description =
                    "Scope: all active packages, or those of a zone and/or a provider. Each package's rate in force"
                            + " on effectiveFrom is uplifted by upliftPercent, rounded to the penny half up. Problems: 409"
                            + " review-id-reused.")
    ResponseEntity<ReviewReceipt> review(@Valid @RequestBody Review body) {
        var reviewed = commands.send(
                new ReviewRates(
                        body.reviewId(),
                        body.effectiveFrom(),
                        body.upliftPercent(),
                        body.basis(),
                        body.zone(),
                        body.providerId()),
                RateReviewReceipt.class);
        var receipt = new ReviewReceipt(
                body.reviewId(),
                reviewed.repeat() ? CommandOutcome.ALREADY_RECORDED : CommandOutcome.RECORDED,
                reviewed.packagesUplifted());
        return reviewed.repeat()
                ? ResponseEntity.ok(receipt)
                : ResponseEntity.created(URI.create("/api/v1/rate-reviews/" + body.reviewId()))
                        .body(receipt);
    }

    @PostMapping("/api/v1/providers/{providerId}/billing-rule")
    @Operation(
            summary = "Set the provider's billing rule from a date (council)",
            description = "ACTUAL bills every delivered minute; ROUNDED bills whole units of unitMinutes, a part unit"
                    + " counting when it is more than toleranceMinutes; minimumMinutes is the least a delivered visit"
                    + " is billed. Before a provider's first rule the deployment default (carebank.billing) applies."
                    + " Problems: 404 unknown-provider, 422 billing-rule-invalid.")
    ResponseEntity<CommandReceipt> billingRule(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId, @Valid @RequestBody Rule body) {
        BillingTerms terms;
        try {
            terms = new BillingTerms(
                    body.rule(),
                    body.unitMinutes() == null ? 0 : body.unitMinutes(),
                    body.toleranceMinutes() == null ? 0 : body.toleranceMinutes(),
                    body.minimumMinutes() == null ? 0 : body.minimumMinutes());
        } catch (IllegalArgumentException e) {
            throw Refusal.rule("billing-rule-invalid", e.getMessage() + ".").exception();
        }
        if (body.rule() == BillingRule.ROUNDED && terms.toleranceMinutes() >= terms.unitMinutes()) {
            throw Refusal.rule("billing-rule-invalid", "The tolerance must be less than the unit.")
                    .exception();
        }
        var outcome = commands.send(new SetBillingRule(providerId, terms, body.effectiveFrom()));
        return CommandReceipt.created(providerId, outcome, "/api/v1/providers/" + providerId);
    }

    @PostMapping("/api/v1/visits/{visitId}/exception-acceptance")
    @Operation(
            summary = "Accept a delivered visit's exceptions, so that it becomes payable (council)",
            description = "Problems: 404 unknown-visit, 409 visit-not-delivered, 409 no-exceptions-to-accept.")
    ResponseEntity<CommandReceipt> acceptExceptions(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @Valid @RequestBody Acceptance body) {
        return CommandReceipt.done(
                visitId, commands.send(new AcceptVisitExceptions(visitId, body.note(), commands.now())));
    }

    @PostMapping("/api/v1/providers/{providerId}/statements")
    @Operation(
            summary = "Issue the provider's payment statement for a period (council)",
            description =
                    "Every payable visit planned on or before periodTo and not yet paid becomes a line; held visits"
                            + " stay off; a paid visit whose figures changed gets an adjustment line naming the line it"
                            + " adjusts. Problems: 404 unknown-provider, 409 statement-id-reused, 422 statement-period-overlaps"
                            + " (with overlapsStatementId), 422 statement-period-invalid.")
    ResponseEntity<CommandReceipt> issue(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId, @Valid @RequestBody Statement body) {
        var outcome = commands.send(
                new IssueStatement(providerId, body.statementId(), body.periodFrom(), body.periodTo(), commands.now()));
        return CommandReceipt.created(
                body.statementId(), outcome, "/api/v1/providers/" + providerId + "/statements/" + body.statementId());
    }
}
