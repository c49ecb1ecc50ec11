package org.carebank.query.visit;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One row per visit: its plan, where it stands, and the delivery and billing figures once it ended. It only writes, so
 * every write waits for the end of the batch ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(VisitProjection.PROCESSING_GROUP)
class VisitProjection {

    static final String PROCESSING_GROUP = "visit-views";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    VisitProjection(JdbcClient jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(VisitScheduled event, @Timestamp Instant at) {
        var plan = event.plan();
        writes.update(
                """
                        INSERT INTO visit_view (visit_id, package_id, client_ref, provider_id, zone, worker_id,
                          planned_start, planned_minutes, time_critical, status, late, missed_alerted, short_visit,
                          hourly_rate_pence, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?)""",
                event.visitId(),
                plan.packageId(),
                event.clientRef(),
                event.providerId(),
                event.zone(),
                plan.workerId(),
                ts(plan.plannedStart()),
                plan.plannedMinutes(),
                plan.timeCritical(),
                VisitStatus.SCHEDULED.name(),
                event.hourlyRatePence(),
                ts(at));
    }

    @EventHandler
    void on(VisitRescheduled event, @Timestamp Instant at) {
        writes.update(
                "UPDATE visit_view SET planned_start = ?, planned_minutes = ?, updated_at = ? WHERE visit_id = ?",
                ts(event.plannedStart()),
                event.plannedMinutes(),
                ts(at),
                event.visitId());
    }

    @EventHandler
    void on(VisitReassigned event, @Timestamp Instant at) {
        writes.update(
                "UPDATE visit_view SET worker_id = ?, updated_at = ? WHERE visit_id = ?",
                event.workerId(),
                ts(at),
                event.visitId());
    }

    @EventHandler
    void on(VisitCancelled event, @Timestamp Instant at) {
        writes.update(
                """
                        UPDATE visit_view SET status = ?, cancelled_by = ?, cancellation_reason = ?, cancelled_at = ?,
                          notice_minutes = ?, updated_at = ? WHERE visit_id = ?""",
                VisitStatus.CANCELLED.name(),
                event.initiatedBy().name(),
                event.reason(),
                ts(event.cancelledAt()),
                event.noticeMinutes(),
                ts(at),
                event.visitId());
    }

    @EventHandler
    void on(VisitMissed event, @Timestamp Instant at) {
        writes.update(
                "UPDATE visit_view SET status = ?, missed_alerted = TRUE, updated_at = ? WHERE visit_id = ?",
                VisitStatus.MISSED.name(),
                ts(at),
                event.visitId());
    }

    @EventHandler
    void on(VisitCheckedIn event, @Timestamp Instant at) {
        writes.update(
                "UPDATE visit_view SET status = ?, checked_in_at = ?, late = ?, updated_at = ? WHERE visit_id = ?",
                VisitStatus.IN_PROGRESS.name(),
                ts(event.at()),
                event.late(),
                ts(at),
                event.visitId());
    }

    @EventHandler
    void on(VisitCheckedOut event, @Timestamp Instant at) {
        writes.update(
                "UPDATE visit_view SET checked_out_at = ?, updated_at = ? WHERE visit_id = ?",
                ts(event.at()),
                ts(at),
                event.visitId());
    }

    @EventHandler
    void on(VisitDelivered event, @Timestamp Instant at) {
        var billing = event.billing();
        writes.update(
                """
                        UPDATE visit_view SET status = ?, late = ?, delivered_minutes = ?, short_visit = ?,
                          unused_minutes = ?, billable_minutes = ?, billable_pence = ?, billing_rule = ?,
                          hourly_rate_pence = ?, updated_at = ? WHERE visit_id = ?""",
                VisitStatus.DELIVERED.name(),
                event.late(),
                event.deliveredMinutes(),
                event.shortVisit(),
                event.unusedMinutes(),
                billing.billableMinutes(),
                billing.billablePence(),
                billing.rule().name(),
                billing.hourlyRatePence(),
                ts(at),
                event.visitId());
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM visit_view").update();
    }
}
