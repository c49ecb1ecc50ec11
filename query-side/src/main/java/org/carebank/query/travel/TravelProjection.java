package org.carebank.query.travel;

import static org.carebank.query.web.Sql.ts;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.WorkerPayChanged;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.batch.EndOfBatch;
import org.carebank.query.period.DashboardCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Travel between visits, per worker-day. Each visit event updates the visit's row (written at the end of the batch,
 * {@link BatchedWrites}); then the legs of every worker-day the batch affected (the day a visit left and the day it
 * joined, for the worker it left and the one it joined) are recomputed from that day's rows. A projection that appended
 * a leg per delivery would keep legs to visits that were reassigned or cancelled since, and could not slot in a
 * delivery recorded late. Runs in one segment (see
 * {@link TravelConfiguration}): a day's legs read other visits' rows, so two visits of one day must not be handled in
 * parallel.
 */
@Component
@ProcessingGroup(TravelProjection.PROCESSING_GROUP)
class TravelProjection {

    static final String PROCESSING_GROUP = "travel-views";
    private static final String TOUCHED = TravelProjection.class.getName() + ".touched";

    private final JdbcClient jdbc;
    private final BatchedWrites writes;
    private final WorkerDayRows store;
    private final DashboardCalendar calendar;
    private final WorkerDayLegs workerDayLegs;

    TravelProjection(
            JdbcClient jdbc,
            BatchedWrites writes,
            WorkerDayRows store,
            DashboardCalendar calendar,
            TravelSettings settings) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.store = store;
        this.calendar = calendar;
        this.workerDayLegs = new WorkerDayLegs(new TravelEstimate(settings));
    }

    @EventHandler
    void on(ProviderAdmitted event) {
        write("INSERT INTO travel_provider (provider_id) VALUES (?)", event.providerId());
    }

    @EventHandler
    void on(WorkerRegistered event) {
        write(
                """
                        INSERT INTO travel_worker (worker_id, provider_id, contract_type, travel_mode, hourly_pay_pence)
                        VALUES (?, ?, ?, ?, ?)""",
                event.workerId(),
                event.providerId(),
                event.contractType().name(),
                event.travelMode().name(),
                event.hourlyPayPence());
    }

    @EventHandler
    void on(VisitScheduled event) {
        var plan = event.plan();
        LocalDate day = calendar.dateOf(plan.plannedStart());
        Location location = plan.location();
        write(
                """
                        INSERT INTO travel_visit (visit_id, provider_id, zone, client_ref, worker_id, rostered_worker_id,
                          rostered_start, rostered_date, rostered_travel_minutes, planned_start, planned_minutes,
                          latitude, longitude, status, work_date)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.visitId(),
                event.providerId(),
                event.zone(),
                event.clientRef(),
                plan.workerId(),
                plan.workerId(),
                ts(plan.plannedStart()),
                day,
                plan.plannedTravelMinutes(),
                ts(plan.plannedStart()),
                plan.plannedMinutes(),
                location == null ? null : location.lat(),
                location == null ? null : location.lon(),
                VisitStatus.SCHEDULED.name(),
                day);
        // The visit joins its worker's roster for the day, which may change whose roster travel applies to which leg.
        touched().rosters().add(new WorkerDay(plan.workerId(), day));
    }

    @EventHandler
    void on(WorkerPayChanged event) {
        write(
                "INSERT INTO travel_worker_pay (worker_id, effective_from, hourly_pay_pence) VALUES (?, ?, ?)",
                event.workerId(),
                event.effectiveFrom(),
                event.hourlyPayPence());
    }

    @EventHandler
    void on(VisitRescheduled event) {
        changeVisit(
                event.visitId(),
                """
                        UPDATE travel_visit SET planned_start = ?, planned_minutes = ?, work_date = ?
                        WHERE visit_id = ?""",
                ts(event.plannedStart()),
                event.plannedMinutes(),
                calendar.dateOf(event.plannedStart()),
                event.visitId());
    }

    @EventHandler
    void on(VisitReassigned event) {
        changeVisit(
                event.visitId(),
                "UPDATE travel_visit SET worker_id = ? WHERE visit_id = ?",
                event.workerId(),
                event.visitId());
    }

    @EventHandler
    void on(VisitCancelled event) {
        status(event.visitId(), VisitStatus.CANCELLED);
    }

    @EventHandler
    void on(VisitMissed event) {
        status(event.visitId(), VisitStatus.MISSED);
    }

    @EventHandler
    void on(VisitCheckedIn event) {
        Location gps = event.location();
        changeVisit(
                event.visitId(),
                """
                        UPDATE travel_visit SET status = ?, started_at = ?, work_date = ?,
                          latitude = COALESCE(latitude, ?), longitude = COALESCE(longitude, ?)
                        WHERE visit_id = ?""",
                VisitStatus.IN_PROGRESS.name(),
                ts(event.at()),
                calendar.dateOf(event.at()),
                gps == null ? null : gps.lat(),
                gps == null ? null : gps.lon(),
                event.visitId());
    }

    @EventHandler
    void on(VisitDelivered event) {
        changeVisit(
                event.visitId(),
                """
                        UPDATE travel_visit SET status = ?, worker_id = ?, started_at = ?, ended_at = ?,
                          delivered_minutes = ?, work_date = ?
                        WHERE visit_id = ?""",
                VisitStatus.DELIVERED.name(),
                event.workerId(),
                ts(event.startedAt()),
                ts(event.endedAt()),
                event.deliveredMinutes(),
                calendar.dateOf(event.startedAt()),
                event.visitId());
    }

    /** An approved amendment moves the visit's times, so its legs and its day's travel are recomputed from them. */
    @EventHandler
    void on(VisitAmendmentApproved event) {
        boolean delivered = !event.notDelivered();
        changeVisit(
                event.visitId(),
                """
                        UPDATE travel_visit SET status = ?, started_at = ?, ended_at = ?, delivered_minutes = ?,
                          work_date = ?
                        WHERE visit_id = ?""",
                (delivered ? VisitStatus.DELIVERED : VisitStatus.MISSED).name(),
                delivered ? ts(event.startedAt()) : null,
                delivered ? ts(event.endedAt()) : null,
                delivered ? event.deliveredMinutes() : null,
                calendar.dateOf(delivered ? event.startedAt() : event.plannedStart()),
                event.visitId());
    }

    private void status(String visitId, VisitStatus status) {
        changeVisit(visitId, "UPDATE travel_visit SET status = ? WHERE visit_id = ?", status.name(), visitId);
    }

    /**
     * What the batch's events touched: visits, and rosters (a worker and the day visits were first rostered for). At the
     * end of the batch the legs of every worker-day they affect are recomputed once, from the rows as the whole batch
     * left them. A day's legs depend only on its rows, so this gives what recomputing after every event gave, with one
     * recompute where a roster or a visit's check-in and delivery touched a day several times.
     */
    private record Touched(Set<String> visits, Set<WorkerDay> rosters) {}

    private Touched touched() {
        return EndOfBatch.collect(TOUCHED, () -> new Touched(new HashSet<>(), new HashSet<>()), this::recompute);
    }

    /**
     * Every row write of this projection waits for the end of the batch ({@link BatchedWrites}). Noting the batch
     * first puts the recompute ahead of the writes' own flush at the end of the batch, which the recompute relies on.
     */
    private void write(String sql, Object... parameters) {
        touched();
        writes.update(sql, parameters);
    }

    /** Writes a change to one visit's row; the days it was and is on are recomputed at the end of the batch. */
    private void changeVisit(String visitId, String sql, Object... parameters) {
        write(sql, parameters);
        touched().visits().add(visitId);
    }

    /**
     * The affected days: where the touched visits were before the batch (read before its writes are flushed: no
     * handler here reads, so nothing flushed them earlier), where they are after it, and the days of the touched
     * rosters' visits, whose roster travel may now apply to other legs.
     */
    private void recompute(Touched touched) {
        var days = new HashSet<WorkerDay>(store.workerDaysOf(touched.visits()));
        writes.flush();
        days.addAll(store.workerDaysOf(touched.visits()));
        days.addAll(store.workerDaysRosteredFor(touched.rosters()));
        if (days.isEmpty()) {
            return;
        }
        var legs = new HashMap<WorkerDay, List<Leg>>();
        store.inputsOf(days)
                .forEach((day, inputs) -> legs.put(
                        day,
                        workerDayLegs.legs(
                                day.workerId(), inputs.visits(), inputs.rosteredPredecessors(), inputs.travelMode())));
        store.replaceLegs(legs);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM travel_leg").update();
        jdbc.sql("DELETE FROM travel_visit").update();
        jdbc.sql("DELETE FROM travel_worker_pay").update();
        jdbc.sql("DELETE FROM travel_worker").update();
        jdbc.sql("DELETE FROM travel_provider").update();
    }
}
