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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One row per visit: its plan, where it stands, and the delivery and billing figures once it ended. */
@Component
@ProcessingGroup(VisitProjection.PROCESSING_GROUP)
class VisitProjection {

    static final String PROCESSING_GROUP = "visit-views";

    private final JdbcClient jdbc;

    VisitProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(VisitScheduled event, @Timestamp Instant at) {
        var plan = event.plan();
        jdbc.sql(
                        """
                        INSERT INTO visit_view (visit_id, package_id, client_ref, provider_id, zone, worker_id,
                          planned_start, planned_minutes, time_critical, status, late, missed_alerted, short_visit,
                          hourly_rate_pence, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, FALSE, ?, ?)""")
                .params(
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
                        ts(at))
                .update();
    }

    @EventHandler
    void on(VisitRescheduled event, @Timestamp Instant at) {
        jdbc.sql("UPDATE visit_view SET planned_start = ?, planned_minutes = ?, updated_at = ? WHERE visit_id = ?")
                .params(ts(event.plannedStart()), event.plannedMinutes(), ts(at), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitReassigned event, @Timestamp Instant at) {
        jdbc.sql("UPDATE visit_view SET worker_id = ?, updated_at = ? WHERE visit_id = ?")
                .params(event.workerId(), ts(at), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitCancelled event, @Timestamp Instant at) {
        jdbc.sql(
                        """
                        UPDATE visit_view SET status = ?, cancelled_by = ?, cancellation_reason = ?, cancelled_at = ?,
                          notice_minutes = ?, updated_at = ? WHERE visit_id = ?""")
                .params(
                        VisitStatus.CANCELLED.name(),
                        event.initiatedBy().name(),
                        event.reason(),
                        ts(event.cancelledAt()),
                        event.noticeMinutes(),
                        ts(at),
                        event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitMissed event, @Timestamp Instant at) {
        jdbc.sql("UPDATE visit_view SET status = ?, missed_alerted = TRUE, updated_at = ? WHERE visit_id = ?")
                .params(VisitStatus.MISSED.name(), ts(at), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitCheckedIn event, @Timestamp Instant at) {
        jdbc.sql("UPDATE visit_view SET status = ?, checked_in_at = ?, late = ?, updated_at = ? WHERE visit_id = ?")
                .params(VisitStatus.IN_PROGRESS.name(), ts(event.at()), event.late(), ts(at), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitCheckedOut event, @Timestamp Instant at) {
        jdbc.sql("UPDATE visit_view SET checked_out_at = ?, updated_at = ? WHERE visit_id = ?")
                .params(ts(event.at()), ts(at), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitDelivered event, @Timestamp Instant at) {
        var billing = event.billing();
        jdbc.sql(
                        """
                        UPDATE visit_view SET status = ?, late = ?, delivered_minutes = ?, short_visit = ?,
                          unused_minutes = ?, billable_minutes = ?, billable_pence = ?, billing_rule = ?,
                          hourly_rate_pence = ?, updated_at = ? WHERE visit_id = ?""")
                .params(
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
                        event.visitId())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM visit_view").update();
    }
}
