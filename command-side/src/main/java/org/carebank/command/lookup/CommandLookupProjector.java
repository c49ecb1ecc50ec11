package org.carebank.command.lookup;

import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.WorkerLeft;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the command-side lookup tables. It runs in a subscribing processor, inside the unit of work that appends the
 * events, and its errors propagate: the lookups can never disagree with the event store.
 */
@Component
@ProcessingGroup(CommandLookupProjector.PROCESSING_GROUP)
class CommandLookupProjector {

    static final String PROCESSING_GROUP = "command-lookups";

    private final JdbcClient jdbc;

    CommandLookupProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProviderAdmitted event) {
        jdbc.sql("INSERT INTO provider_lookup (provider_id, status) VALUES (?, ?)")
                .params(event.providerId(), ListStatus.ADMITTED.name())
                .update();
    }

    @EventHandler
    void on(ProviderSuspended event) {
        providerStatus(event.providerId(), ListStatus.SUSPENDED);
    }

    @EventHandler
    void on(ProviderReinstated event) {
        providerStatus(event.providerId(), ListStatus.ADMITTED);
    }

    private void providerStatus(String providerId, ListStatus status) {
        jdbc.sql("UPDATE provider_lookup SET status = ? WHERE provider_id = ?")
                .params(status.name(), providerId)
                .update();
    }

    @EventHandler
    void on(WorkerRegistered event) {
        jdbc.sql("INSERT INTO worker_lookup (worker_id, provider_id) VALUES (?, ?)")
                .params(event.workerId(), event.providerId())
                .update();
    }

    @EventHandler
    void on(WorkerLeft event) {
        jdbc.sql("UPDATE worker_lookup SET left_on = ? WHERE worker_id = ?")
                .params(java.sql.Date.valueOf(event.leftOn()), event.workerId())
                .update();
    }

    @EventHandler
    void on(PackageCommissioned event) {
        jdbc.sql(
                        """
                        INSERT INTO package_lookup
                          (package_id, client_ref, zone, status, provider_id, hourly_rate_pence, time_banking)
                        VALUES (?, ?, ?, ?, NULL, ?, ?)""")
                .params(
                        event.packageId(),
                        event.clientRef(),
                        event.zone(),
                        PackageStatus.COMMISSIONED.name(),
                        event.hourlyRatePence(),
                        event.timeBanking())
                .update();
    }

    @EventHandler
    void on(PackageOffered event) {
        jdbc.sql("UPDATE package_lookup SET status = ? WHERE package_id = ? AND status <> ?")
                .params(PackageStatus.OFFERED.name(), event.packageId(), PackageStatus.ACTIVE.name())
                .update();
    }

    @EventHandler
    void on(PackageAccepted event) {
        jdbc.sql("UPDATE package_lookup SET status = ?, provider_id = ? WHERE package_id = ?")
                .params(PackageStatus.ACTIVE.name(), event.providerId(), event.packageId())
                .update();
    }

    @EventHandler
    void on(PackageHandedBack event) {
        jdbc.sql("UPDATE package_lookup SET status = ?, provider_id = NULL WHERE package_id = ?")
                .params(PackageStatus.HANDED_BACK.name(), event.packageId())
                .update();
    }

    @EventHandler
    void on(VisitScheduled event) {
        var plan = event.plan();
        jdbc.sql("INSERT INTO worker_booking (visit_id, worker_id, starts_at, ends_at) VALUES (?, ?, ?, ?)")
                .params(
                        event.visitId(),
                        plan.workerId(),
                        Timestamp.from(plan.plannedStart()),
                        Timestamp.from(plan.plannedEnd()))
                .update();
        jdbc.sql(
                        """
                        INSERT INTO bankable_visit (visit_id, client_ref, provider_id, package_id, delivered,
                          ended_early, unused_minutes) VALUES (?, ?, ?, ?, FALSE, FALSE, 0)""")
                .params(event.visitId(), event.clientRef(), event.providerId(), plan.packageId())
                .update();
    }

    @EventHandler
    void on(VisitDelivered event) {
        jdbc.sql(
                        """
                        UPDATE bankable_visit SET delivered = TRUE, ended_early = ?, unused_minutes = ?, ended_at = ?
                        WHERE visit_id = ?""")
                .params(
                        event.endedEarlyAtClientRequest(),
                        event.unusedMinutes(),
                        Timestamp.from(event.endedAt()),
                        event.visitId())
                .update();
    }

    /** An approved amendment is the visit's delivery from now on: deposits are judged against its figures. */
    @EventHandler
    void on(VisitAmendmentApproved event) {
        jdbc.sql(
                        """
                        UPDATE bankable_visit SET delivered = ?, ended_early = ?, unused_minutes = ?, ended_at = ?
                        WHERE visit_id = ?""")
                .params(
                        !event.notDelivered(),
                        event.endedEarly(),
                        event.unusedMinutes(),
                        event.endedAt() == null ? null : Timestamp.from(event.endedAt()),
                        event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitRescheduled event) {
        jdbc.sql("UPDATE worker_booking SET starts_at = ?, ends_at = ? WHERE visit_id = ?")
                .params(
                        Timestamp.from(event.plannedStart()),
                        Timestamp.from(event.plannedStart().plusSeconds(event.plannedMinutes() * 60L)),
                        event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitReassigned event) {
        jdbc.sql("UPDATE worker_booking SET worker_id = ? WHERE visit_id = ?")
                .params(event.workerId(), event.visitId())
                .update();
    }

    @EventHandler
    void on(VisitCancelled event) {
        jdbc.sql("DELETE FROM worker_booking WHERE visit_id = ?")
                .param(event.visitId())
                .update();
    }
}
