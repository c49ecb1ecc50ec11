package org.carebank.query.performance;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.kernel.provider.ActionPlanCompleted;
import org.carebank.kernel.provider.ActionPlanOpened;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.QualificationRecorded;
import org.carebank.kernel.provider.WorkerLeft;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.EcmVerification;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The facts provider performance and the charter view count: one row per visit with its outcome, providers' current
 * standing, workers' contracts, and the package history. Every row belongs to one aggregate, so the processor may run
 * in parallel segments; period figures are aggregated when asked ({@link PerformanceQueries}). Writes wait for the end
 * of the batch ({@link BatchedWrites}); the two handlers that read flush them first.
 */
@Component
@ProcessingGroup(PerformanceProjection.PROCESSING_GROUP)
class PerformanceProjection {

    static final String PROCESSING_GROUP = "performance-views";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;
    private final DashboardCalendar calendar;

    PerformanceProjection(JdbcClient jdbc, BatchedWrites writes, DashboardCalendar calendar) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.calendar = calendar;
    }

    // ---- providers and workers ----

    @EventHandler
    void on(ProviderAdmitted event) {
        writes.update(
                """
                        INSERT INTO performance_provider (provider_id, name, list_status, cqc_overall, cqc_well_led,
                          cqc_inspected_on) VALUES (?, ?, ?, ?, ?, ?)""",
                event.providerId(),
                event.name(),
                ListStatus.ADMITTED.name(),
                event.cqc().overall().name(),
                event.cqc().wellLed().name(),
                event.cqc().inspectedOn());
    }

    @EventHandler
    void on(CqcRatingsRecorded event) {
        writes.update(
                """
                        UPDATE performance_provider SET cqc_overall = ?, cqc_well_led = ?, cqc_inspected_on = ?
                        WHERE provider_id = ?""",
                event.cqc().overall().name(),
                event.cqc().wellLed().name(),
                event.cqc().inspectedOn(),
                event.providerId());
    }

    @EventHandler
    void on(ProviderSuspended event) {
        listStatus(event.providerId(), ListStatus.SUSPENDED);
    }

    @EventHandler
    void on(ProviderReinstated event) {
        listStatus(event.providerId(), ListStatus.ADMITTED);
    }

    private void listStatus(String providerId, ListStatus status) {
        writes.update(
                "UPDATE performance_provider SET list_status = ? WHERE provider_id = ?", status.name(), providerId);
    }

    @EventHandler
    void on(WorkerRegistered event, @Timestamp Instant at) {
        writes.update(
                """
                        INSERT INTO performance_worker (worker_id, provider_id, contract_type, registered_at)
                        VALUES (?, ?, ?, ?)""",
                event.workerId(),
                event.providerId(),
                event.contractType().name(),
                ts(at));
    }

    @EventHandler
    void on(WorkerLeft event) {
        writes.update(
                "UPDATE performance_worker SET left_on = ? WHERE worker_id = ?", event.leftOn(), event.workerId());
    }

    @EventHandler
    void on(ActionPlanOpened event) {
        writes.update(
                """
                        INSERT INTO performance_action_plan (provider_id, plan_id, reason, due_by, opened_on)
                        VALUES (?, ?, ?, ?, ?)""",
                event.providerId(),
                event.planId(),
                event.reason(),
                event.dueBy(),
                event.openedOn());
    }

    @EventHandler
    void on(ActionPlanCompleted event) {
        writes.update(
                """
                        UPDATE performance_action_plan SET completed_on = ?, completed_late = ?
                        WHERE provider_id = ? AND plan_id = ?""",
                event.completedOn(),
                event.late(),
                event.providerId(),
                event.planId());
    }

    @EventHandler
    void on(QualificationRecorded event) {
        writes.update(
                """
                        INSERT INTO performance_qualification (qualification_id, worker_id, kind, achieved_on, expires_on)
                        VALUES (?, ?, ?, ?, ?)""",
                event.qualificationId(),
                event.workerId(),
                event.kind().name(),
                event.achievedOn(),
                event.expiresOn());
    }

    // ---- packages ----

    @EventHandler
    void on(PackageCommissioned event) {
        writes.update(
                """
                        INSERT INTO performance_package (package_id, weekly_minutes, starts_on, ends_on)
                        VALUES (?, ?, ?, ?)""",
                event.packageId(),
                event.weeklyMinutes(),
                event.startsOn(),
                event.endsOn());
    }

    @EventHandler
    void on(PackageOffered event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        packageEvent(eventId, event.packageId(), event.providerId(), "OFFERED", null, at);
    }

    @EventHandler
    void on(PackageDeclined event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        packageEvent(
                eventId,
                event.packageId(),
                event.providerId(),
                "DECLINED",
                event.reason().name(),
                at);
    }

    /** The provider holds the package from acceptance (or its start date, if later) until it ends. */
    @EventHandler
    void on(PackageAccepted event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        packageEvent(eventId, event.packageId(), event.providerId(), "ACCEPTED", null, at);
        LocalDate acceptedOn = calendar.dateOf(at);
        record Commission(int weeklyMinutes, LocalDate startsOn, LocalDate endsOn) {}
        writes.flush(); // the package may have been commissioned earlier in this batch
        var commission = jdbc.sql(
                        "SELECT weekly_minutes, starts_on, ends_on FROM performance_package WHERE package_id = ?")
                .param(event.packageId())
                .query((rs, n) ->
                        new Commission(rs.getInt("weekly_minutes"), Sql.date(rs, "starts_on"), Sql.date(rs, "ends_on")))
                .single();
        writes.update(
                """
                        INSERT INTO performance_holding (holding_id, package_id, provider_id, weekly_minutes, held_from,
                          held_until, handed_back) VALUES (?, ?, ?, ?, ?, ?, FALSE)""",
                eventId,
                event.packageId(),
                event.providerId(),
                commission.weeklyMinutes(),
                commission.startsOn().isAfter(acceptedOn) ? commission.startsOn() : acceptedOn,
                commission.endsOn() == null ? null : commission.endsOn().plusDays(1));
    }

    /** The provider holds the package no more from the hand-back's effective date. */
    @EventHandler
    void on(PackageHandedBack event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        packageEvent(eventId, event.packageId(), event.providerId(), "HANDED_BACK", null, at);
        LocalDate effective = event.effectiveOn() != null ? event.effectiveOn() : calendar.dateOf(at);
        writes.update(
                """
                        UPDATE performance_holding
                        SET handed_back = TRUE,
                          held_until = CASE WHEN ? < held_from THEN held_from
                            WHEN held_until IS NOT NULL AND held_until < ? THEN held_until ELSE ? END
                        WHERE package_id = ? AND provider_id = ? AND handed_back = FALSE""",
                effective,
                effective,
                effective,
                event.packageId(),
                event.providerId());
    }

    private void packageEvent(
            String eventId, String packageId, String providerId, String kind, String declineReason, Instant at) {
        writes.update(
                """
                        INSERT INTO performance_package_event (event_id, package_id, provider_id, kind, decline_reason,
                          occurred_at) VALUES (?, ?, ?, ?, ?, ?)""",
                eventId,
                packageId,
                providerId,
                kind,
                declineReason,
                ts(at));
    }

    // ---- visits ----

    @EventHandler
    void on(VisitScheduled event) {
        var plan = event.plan();
        writes.update(
                """
                        INSERT INTO performance_visit (visit_id, provider_id, package_id, client_ref, worker_id,
                          planned_start, planned_minutes, status, late, short_visit, missed_alerted)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE)""",
                event.visitId(),
                event.providerId(),
                plan.packageId(),
                event.clientRef(),
                plan.workerId(),
                ts(plan.plannedStart()),
                plan.plannedMinutes(),
                VisitStatus.SCHEDULED.name());
    }

    @EventHandler
    void on(VisitRescheduled event) {
        writes.update(
                "UPDATE performance_visit SET planned_start = ?, planned_minutes = ? WHERE visit_id = ?",
                ts(event.plannedStart()),
                event.plannedMinutes(),
                event.visitId());
    }

    @EventHandler
    void on(VisitReassigned event) {
        writes.update(
                "UPDATE performance_visit SET worker_id = ? WHERE visit_id = ?", event.workerId(), event.visitId());
    }

    @EventHandler
    void on(VisitCancelled event) {
        writes.update(
                """
                        UPDATE performance_visit SET status = ?, cancelled_by = ?, notice_minutes = ?
                        WHERE visit_id = ?""",
                VisitStatus.CANCELLED.name(),
                event.initiatedBy().name(),
                event.noticeMinutes(),
                event.visitId());
    }

    @EventHandler
    void on(VisitMissed event) {
        writes.update(
                "UPDATE performance_visit SET status = ?, missed_alerted = TRUE WHERE visit_id = ?",
                VisitStatus.MISSED.name(),
                event.visitId());
    }

    @EventHandler
    void on(VisitCheckedIn event) {
        writes.update(
                "UPDATE performance_visit SET status = ?, late = ?, check_in_electronic = ? WHERE visit_id = ?",
                VisitStatus.IN_PROGRESS.name(),
                event.late(),
                EcmVerification.electronic(event.method()),
                event.visitId());
    }

    @EventHandler
    void on(VisitCheckedOut event) {
        writes.update(
                "UPDATE performance_visit SET check_out_electronic = ? WHERE visit_id = ?",
                EcmVerification.electronic(event.method()),
                event.visitId());
    }

    // ---- visit maintenance: an approved amendment is the visit's outcome; every amendment is counted by reason ----

    @EventHandler
    void on(VisitAmendmentRequested event) {
        writes.update(
                """
                        INSERT INTO performance_amendment (visit_id, amendment_id, provider_id, planned_start,
                          reason_code, status) VALUES (?, ?, ?, ?, ?, ?)""",
                event.visitId(),
                event.amendmentId(),
                event.providerId(),
                ts(event.plannedStart()),
                event.reasonCode().name(),
                AmendmentStatus.PENDING.name());
    }

    @EventHandler
    void on(VisitAmendmentApproved event) {
        amendmentStatus(event.visitId(), event.amendmentId(), AmendmentStatus.APPROVED);
        writes.update(
                """
                        UPDATE performance_visit SET status = ?, late = ?, short_visit = ?, delivered_minutes = ?,
                          amended = TRUE WHERE visit_id = ?""",
                (event.notDelivered() ? VisitStatus.MISSED : VisitStatus.DELIVERED).name(),
                event.late(),
                event.shortVisit(),
                event.notDelivered() ? null : event.deliveredMinutes(),
                event.visitId());
    }

    @EventHandler
    void on(VisitAmendmentRejected event) {
        amendmentStatus(event.visitId(), event.amendmentId(), AmendmentStatus.REJECTED);
    }

    private void amendmentStatus(String visitId, String amendmentId, AmendmentStatus status) {
        writes.update(
                "UPDATE performance_amendment SET status = ? WHERE visit_id = ? AND amendment_id = ?",
                status.name(),
                visitId,
                amendmentId);
    }

    @EventHandler
    void on(VisitDelivered event) {
        writes.update(
                """
                        UPDATE performance_visit SET status = ?, worker_id = ?, late = ?, short_visit = ?,
                          delivered_minutes = ? WHERE visit_id = ?""",
                VisitStatus.DELIVERED.name(),
                event.workerId(),
                event.late(),
                event.shortVisit(),
                event.deliveredMinutes(),
                event.visitId());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM performance_visit").update();
        jdbc.sql("DELETE FROM performance_amendment").update();
        jdbc.sql("DELETE FROM performance_package_event").update();
        jdbc.sql("DELETE FROM performance_holding").update();
        jdbc.sql("DELETE FROM performance_package").update();
        jdbc.sql("DELETE FROM performance_action_plan").update();
        jdbc.sql("DELETE FROM performance_qualification").update();
        jdbc.sql("DELETE FROM performance_worker").update();
        jdbc.sql("DELETE FROM performance_provider").update();
    }
}
