package org.carebank.query.payment;

import static org.carebank.query.web.Sql.ts;

import java.time.LocalDate;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.payment.BillingRuleSet;
import org.carebank.kernel.payment.DeliveryVerified;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.PackageRateChanged;
import org.carebank.kernel.payment.RatesReviewed;
import org.carebank.kernel.payment.StatementIssued;
import org.carebank.kernel.payment.StatementLine;
import org.carebank.kernel.payment.VisitExceptionsAccepted;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.visit.RecordSource;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.query.batch.BatchedWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The payment views: each package's rates, each provider's billing rules, each visit's payment facts (what the
 * statement preview prices with the kernel's {@code StatementDraft}), and the issued statements, copied whole from
 * {@link StatementIssued}. Every fact keeps the audit-feed position of its event, so a line can be explained. Written
 * through {@link BatchedWrites}, in event order; nothing here reads its own tables while handling an event.
 */
@Component
@ProcessingGroup(PaymentProjection.PROCESSING_GROUP)
class PaymentProjection {

    static final String PROCESSING_GROUP = "payment-views";

    private final BatchedWrites writes;
    private final JdbcClient jdbc;
    private final PaymentSettings settings;

    PaymentProjection(BatchedWrites writes, JdbcClient jdbc, PaymentSettings settings) {
        this.writes = writes;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @EventHandler
    void on(PackageCommissioned event, @MetaDataValue(Caller.PRINCIPAL) String by, TrackingToken token) {
        rate(
                event.packageId(),
                PackageRate.COMMISSIONED,
                event.hourlyRatePence(),
                event.startsOn(),
                "commissioned",
                by,
                token);
    }

    @EventHandler
    void on(PackageRateChanged event, @MetaDataValue(Caller.PRINCIPAL) String by, TrackingToken token) {
        rate(
                event.packageId(),
                event.rateId(),
                event.hourlyRatePence(),
                event.effectiveFrom(),
                event.reason(),
                by,
                token);
    }

    @EventHandler
    void on(RatesReviewed event, @MetaDataValue(Caller.PRINCIPAL) String by, TrackingToken token) {
        for (var rate : event.rates()) {
            rate(
                    rate.packageId(),
                    event.reviewId(),
                    rate.hourlyRatePence(),
                    event.effectiveFrom(),
                    event.basis(),
                    by,
                    token);
        }
    }

    private void rate(
            String packageId, String rateId, int pence, LocalDate from, String reason, String by, TrackingToken token) {
        writes.update(
                """
                INSERT INTO payment_rate_view (package_id, rate_id, hourly_rate_pence, effective_from, reason,
                  recorded_by, position) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                packageId,
                rateId,
                pence,
                from,
                reason,
                by,
                position(token));
    }

    @EventHandler
    void on(BillingRuleSet event, TrackingToken token) {
        var terms = event.terms();
        writes.update(
                """
                INSERT INTO payment_rule_view (provider_id, effective_from, rule, unit_minutes, tolerance_minutes,
                  minimum_minutes, position) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                event.providerId(),
                event.effectiveFrom(),
                terms.rule().name(),
                terms.unitMinutes(),
                terms.toleranceMinutes(),
                terms.minimumMinutes(),
                position(token));
    }

    /**
     * An imported visit (ADR 0019) is a fact of the council's previous system, which paid for it: it never comes onto
     * a statement here, so it gets no payment facts and every later event of it finds no row to change.
     */
    @EventHandler
    void on(VisitScheduled event, @MetaDataValue(RecordSource.KEY) String source) {
        if (RecordSource.IMPORT.equals(source)) {
            return;
        }
        var plan = event.plan();
        writes.update(
                """
                INSERT INTO payment_visit_view (visit_id, provider_id, client_ref, package_id, planned_date,
                  planned_minutes, delivered, cancelled, delivered_minutes, exceptions, accepted, drawn_minutes,
                  amendment_pending) VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE, 0, '', FALSE, 0, FALSE)""",
                event.visitId(),
                event.providerId(),
                event.clientRef(),
                plan.packageId(),
                settings.dateOf(plan.plannedStart()),
                plan.plannedMinutes());
    }

    @EventHandler
    void on(VisitRescheduled event) {
        writes.update(
                "UPDATE payment_visit_view SET planned_date = ?, planned_minutes = ? WHERE visit_id = ?",
                settings.dateOf(event.plannedStart()),
                event.plannedMinutes(),
                event.visitId());
    }

    @EventHandler
    void on(VisitCancelled event) {
        writes.update("UPDATE payment_visit_view SET cancelled = TRUE WHERE visit_id = ?", event.visitId());
    }

    @EventHandler
    void on(VisitDelivered event, TrackingToken token) {
        deliveredFiguresChanged(event.visitId(), event.deliveredMinutes(), position(token));
    }

    /** The one place a visit's paid figures change here too; an approved amendment calls it with the new minutes. */
    void deliveredFiguresChanged(String visitId, int deliveredMinutes, Long position) {
        writes.update(
                """
                UPDATE payment_visit_view SET delivered = TRUE, delivered_minutes = ?, delivered_position = ?
                WHERE visit_id = ?""",
                deliveredMinutes,
                position,
                visitId);
    }

    @EventHandler
    void on(DeliveryVerified event, TrackingToken token) {
        writes.update(
                "UPDATE payment_visit_view SET exceptions = ?, verified_position = ? WHERE visit_id = ?",
                event.exceptions().stream().map(Enum::name).collect(Collectors.joining(",")),
                position(token),
                event.visitId());
    }

    @EventHandler
    void on(VisitExceptionsAccepted event, TrackingToken token) {
        writes.update(
                "UPDATE payment_visit_view SET accepted = TRUE, accepted_position = ? WHERE visit_id = ?",
                position(token),
                event.visitId());
    }

    /** An open amendment holds the visit from payment until the council decides it (domain, "Visit maintenance"). */
    @EventHandler
    void on(VisitAmendmentRequested event) {
        writes.update("UPDATE payment_visit_view SET amendment_pending = TRUE WHERE visit_id = ?", event.visitId());
    }

    @EventHandler
    void on(VisitAmendmentRejected event) {
        writes.update("UPDATE payment_visit_view SET amendment_pending = FALSE WHERE visit_id = ?", event.visitId());
    }

    /** As on the command side: the approved figures are the delivery now, and the amendment resolves the hold. */
    @EventHandler
    void on(VisitAmendmentApproved event, TrackingToken token) {
        Long position = position(token);
        deliveredFiguresChanged(event.visitId(), event.notDelivered() ? 0 : event.deliveredMinutes(), position);
        writes.update(
                """
                UPDATE payment_visit_view SET amendment_pending = FALSE, accepted = TRUE, accepted_position = ?
                WHERE visit_id = ?""",
                position,
                event.visitId());
    }

    @EventHandler
    void on(TimeDrawnDown event) {
        if (event.visitId() != null) {
            writes.update(
                    "UPDATE payment_visit_view SET drawn_minutes = drawn_minutes + ? WHERE visit_id = ?",
                    event.minutes(),
                    event.visitId());
        }
    }

    @EventHandler
    void on(StatementIssued event, TrackingToken token) {
        writes.update(
                """
                INSERT INTO statement_view (provider_id, statement_id, period_from, period_to, issued_at, visits,
                  payable_minutes, payable_pence, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.providerId(),
                event.statementId(),
                event.periodFrom(),
                event.periodTo(),
                ts(event.issuedAt()),
                event.visits(),
                event.payableMinutes(),
                event.payablePence(),
                position(token));
        int lineNo = 0;
        for (StatementLine line : event.lines()) {
            writes.update(
                    """
                    INSERT INTO statement_line_view (provider_id, statement_id, line_no, visit_id, client_ref,
                      package_id, line_date, delivered_minutes, billable_minutes, hourly_rate_pence, amount_pence, rule,
                      unit_minutes, tolerance_minutes, minimum_minutes, rate_id, rule_effective_from,
                      drawn_from_bank_minutes, adjustment_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    event.providerId(),
                    event.statementId(),
                    ++lineNo,
                    line.visitId(),
                    line.clientRef(),
                    line.packageId(),
                    line.date(),
                    line.deliveredMinutes(),
                    line.billableMinutes(),
                    line.hourlyRatePence(),
                    line.amountPence(),
                    line.rule().name(),
                    line.unitMinutes(),
                    line.toleranceMinutes(),
                    line.minimumMinutes(),
                    line.rateId(),
                    line.ruleEffectiveFrom(),
                    line.drawnFromBankMinutes(),
                    line.adjustmentOf());
        }
    }

    private static Long position(TrackingToken token) {
        return token == null || token.position().isEmpty()
                ? null
                : token.position().getAsLong();
    }

    @ResetHandler
    void reset() {
        for (String table : new String[] {
            "statement_line_view", "statement_view", "payment_visit_view", "payment_rule_view", "payment_rate_view"
        }) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }
}
