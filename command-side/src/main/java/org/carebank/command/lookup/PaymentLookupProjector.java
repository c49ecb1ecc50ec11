package org.carebank.command.lookup;

import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.payment.BillingRuleSet;
import org.carebank.kernel.payment.DeliveryVerified;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.PackageRateChanged;
import org.carebank.kernel.payment.RatesReviewed;
import org.carebank.kernel.payment.VisitException;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the payment lookups (rates, billing rules, each visit's payment facts) in the command-lookups subscribing
 * processor, in the unit of work that appends the events, like {@link CommandLookupProjector}: a statement issued
 * right after a delivery sees it.
 */
@Component
@ProcessingGroup(CommandLookupProjector.PROCESSING_GROUP)
class PaymentLookupProjector {

    private final JdbcClient jdbc;
    private final PaymentCalendar calendar;

    PaymentLookupProjector(JdbcClient jdbc, PaymentCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    @EventHandler
    void on(PackageCommissioned event) {
        rate(event.packageId(), PackageRate.COMMISSIONED, event.hourlyRatePence(), event.startsOn(), "commissioned");
    }

    @EventHandler
    void on(PackageRateChanged event) {
        rate(event.packageId(), event.rateId(), event.hourlyRatePence(), event.effectiveFrom(), event.reason());
    }

    @EventHandler
    void on(RatesReviewed event) {
        for (var rate : event.rates()) {
            rate(rate.packageId(), event.reviewId(), rate.hourlyRatePence(), event.effectiveFrom(), event.basis());
        }
    }

    private void rate(String packageId, String rateId, int pence, java.time.LocalDate from, String reason) {
        jdbc.sql(
                        """
                        INSERT INTO package_rate_lookup (package_id, rate_id, hourly_rate_pence, effective_from, reason)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(packageId, rateId, pence, from, reason)
                .update();
    }

    @EventHandler
    void on(BillingRuleSet event) {
        var terms = event.terms();
        jdbc.sql(
                        """
                        INSERT INTO billing_rule_lookup (provider_id, effective_from, rule, unit_minutes,
                          tolerance_minutes, minimum_minutes) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        event.providerId(),
                        event.effectiveFrom(),
                        terms.rule().name(),
                        terms.unitMinutes(),
                        terms.toleranceMinutes(),
                        terms.minimumMinutes())
                .update();
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
        jdbc.sql(
                        """
                        INSERT INTO payment_visit (visit_id, provider_id, client_ref, package_id, planned_date,
                          planned_minutes, delivered, cancelled, delivered_minutes, exceptions, accepted, drawn_minutes,
                          amendment_pending) VALUES (?, ?, ?, ?, ?, ?, FALSE, FALSE, 0, '', FALSE, 0, FALSE)""")
                .params(
                        event.visitId(),
                        event.providerId(),
                        event.clientRef(),
                        plan.packageId(),
                        calendar.dateOf(plan.plannedStart()),
                        plan.plannedMinutes())
                .update();
    }

    @EventHandler
    void on(VisitRescheduled event) {
        jdbc.sql("UPDATE payment_visit SET planned_date = ?, planned_minutes = ? WHERE visit_id = ?")
                .params(calendar.dateOf(event.plannedStart()), event.plannedMinutes(), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitCancelled event) {
        jdbc.sql("UPDATE payment_visit SET cancelled = TRUE WHERE visit_id = ?")
                .param(event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitDelivered event) {
        deliveredFiguresChanged(event.visitId(), event.deliveredMinutes());
    }

    /**
     * The one place a visit's paid figures change; an approved amendment (visit maintenance) calls it with the amended
     * minutes, and the next statement then carries the difference for a paid visit.
     */
    void deliveredFiguresChanged(String visitId, int deliveredMinutes) {
        jdbc.sql("UPDATE payment_visit SET delivered = TRUE, delivered_minutes = ? WHERE visit_id = ?")
                .params(deliveredMinutes, visitId)
                .update();
    }

    @EventHandler
    void on(DeliveryVerified event) {
        jdbc.sql("UPDATE payment_visit SET exceptions = ? WHERE visit_id = ?")
                .params(joined(event.exceptions()), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitExceptionsAccepted event) {
        jdbc.sql("UPDATE payment_visit SET accepted = TRUE WHERE visit_id = ?")
                .param(event.visitId())
                .update();
    }

    @EventHandler
    void on(TimeDrawnDown event) {
        if (event.visitId() != null) {
            jdbc.sql("UPDATE payment_visit SET drawn_minutes = drawn_minutes + ? WHERE visit_id = ?")
                    .params(event.minutes(), event.visitId())
                    .update();
        }
    }

    /** An open amendment holds the visit from payment until the council decides it (domain, "Visit maintenance"). */
    @EventHandler
    void on(VisitAmendmentRequested event) {
        amendmentPending(event.visitId(), true);
    }

    @EventHandler
    void on(VisitAmendmentRejected event) {
        amendmentPending(event.visitId(), false);
    }

    /**
     * The approved times become the visit's delivered figures (a visit found not delivered bills nothing, so a paid
     * one gets a minus line), and the amendment resolves the exceptions it was held for.
     */
    @EventHandler
    void on(VisitAmendmentApproved event) {
        amendmentPending(event.visitId(), false);
        deliveredFiguresChanged(event.visitId(), event.notDelivered() ? 0 : event.deliveredMinutes());
        jdbc.sql("UPDATE payment_visit SET accepted = TRUE WHERE visit_id = ?")
                .param(event.visitId())
                .update();
    }

    private void amendmentPending(String visitId, boolean pending) {
        jdbc.sql("UPDATE payment_visit SET amendment_pending = ? WHERE visit_id = ?")
                .params(pending, visitId)
                .update();
    }

    static String joined(List<VisitException> exceptions) {
        return exceptions.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
