package org.carebank.query.payment;

import static org.carebank.query.web.CsvHttpMessageConverter.TEXT_CSV_VALUE;
import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.payment.PaymentViews.LineExplanation;
import org.carebank.query.payment.PaymentViews.Preview;
import org.carebank.query.payment.PaymentViews.RateView;
import org.carebank.query.payment.PaymentViews.StatementSummary;
import org.carebank.query.payment.PaymentViews.StatementView;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.BadRequestException;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Callers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Rates, statement preview, issued statements and line explanations; a provider reads its own only. */
@RestController
@Tag(name = "Rates, billing rules, payment statements")
@ReadsProjection(PaymentProjection.PROCESSING_GROUP)
class PaymentQueryController {

    private static final String AS_OF =
            " With asOf= (an instant) the answer as it stood then, from the events recorded up to it.";

    private final PaymentQueries queries;
    private final JdbcClient jdbc;
    private final AsOfReplay replay;

    PaymentQueryController(PaymentQueries queries, JdbcClient jdbc, AsOfReplay replay) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.replay = replay;
    }

    /** The live payment views, or with {@code asOf} the same views replayed up to that instant (ADR 0023). */
    private <R> R read(Instant asOf, java.util.function.Function<PaymentQueries, R> question) {
        return replay.read(asOf, PaymentQueryController.class, queries, PaymentQueries.class, question);
    }

    @GetMapping("/api/v1/packages/{packageId}/rates")
    @Operation(
            summary = "A package's hourly rates with their effective dates, oldest first",
            description = "The first is the commissioned rate (rateId 'commissioned'); a rate review's rate has the"
                    + " review id. Problems: 404 unknown-package.")
    List<RateView> rates(@PathVariable @Pattern(regexp = Ids.PATTERN) String packageId) {
        // Who holds the package, from the package view, so a provider sees the rates of its own packages only.
        var holder = jdbc.sql("SELECT provider_id FROM package_view WHERE package_id = ?")
                .param(packageId)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                .optional();
        var rates = queries.rates(packageId);
        boolean visible = holder.isPresent()
                && (Callers.current().providerId() == null
                        || holder.get().map(Callers.current()::mayActFor).orElse(false));
        if (!visible || rates.isEmpty()) {
            throw new NotFoundException("unknown-package", "No package " + packageId + ".");
        }
        return rates;
    }

    @GetMapping("/api/v1/providers/{providerId}/statement-preview")
    @Operation(
            summary = "What a statement for the period would pay now, and which visits are held",
            description = "Payable visits planned on or before 'to' not yet paid (and adjustments of paid visits whose"
                    + " figures changed), priced as issuing prices them; held visits with why (EXCEPTION,"
                    + " AMENDMENT_PENDING). Problems: 400 bad-request (to before from), 404 unknown-provider." + AS_OF)
    Preview preview(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Instant asOf) {
        requireVisible(providerId);
        if (to.isBefore(from)) {
            throw new BadRequestException("invalid-period", "to", "'to' is before 'from'.");
        }
        return read(asOf, q -> q.preview(providerId, from, to));
    }

    @GetMapping("/api/v1/providers/{providerId}/statements")
    @Operation(
            summary = "The provider's issued statements, by period (totals; the lines are on each statement)",
            description = AS_OF)
    List<StatementSummary> statements(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) Instant asOf) {
        requireVisible(providerId);
        return read(asOf, q -> q.statements(providerId));
    }

    @GetMapping(
            value = "/api/v1/providers/{providerId}/statements/{statementId}",
            produces = {APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(
            summary = "An issued statement with its lines; text/csv for a finance system",
            description = "CSV: one row per line (statementId, providerId, lineNo, visitId, clientRef, packageId, date,"
                    + " deliveredMinutes, billableMinutes, hourlyRatePence, amountPence, rule, rateId,"
                    + " drawnFromBankMinutes, adjustmentOf), then a trailer row with lineNo TOTAL, the visit count in"
                    + " visitId, payableMinutes in billableMinutes and payablePence in amountPence. Problems: 404"
                    + " unknown-provider, unknown-statement." + AS_OF)
    StatementView statement(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String statementId,
            @RequestParam(required = false) Instant asOf) {
        requireVisible(providerId);
        return read(asOf, q -> q.statement(providerId, statementId)).orElseThrow(() -> unknownStatement(statementId));
    }

    @GetMapping("/api/v1/providers/{providerId}/statements/{statementId}/lines/{visitId}")
    @Operation(
            summary = "Explain a statement line: the events that made it, with their audit-feed positions",
            description = "Delivered times, verification, acceptance, the rate event, the rule event and every"
                    + " statement that paid the visit. Problems: 404 unknown-provider, unknown-statement-line.")
    LineExplanation explain(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String statementId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId) {
        requireVisible(providerId);
        return queries.explain(providerId, statementId, visitId)
                .orElseThrow(() -> new NotFoundException(
                        "unknown-statement-line",
                        "Statement " + statementId + " has no line for visit " + visitId + "."));
    }

    private static void requireVisible(String providerId) {
        if (!Callers.current().mayActFor(providerId)) {
            throw new NotFoundException("unknown-provider", "No provider " + providerId + ".");
        }
    }

    private static NotFoundException unknownStatement(String statementId) {
        return new NotFoundException("unknown-statement", "No statement " + statementId + ".");
    }
}
