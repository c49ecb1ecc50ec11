package org.carebank.query.travel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The travel projection's rows: visits as worker-days see them, and the legs computed from them. */
@Component
class TravelStore {

    private static final String VISIT_COLUMNS =
            """
            SELECT visit_id, provider_id, zone, worker_id, rostered_worker_id, rostered_travel_minutes, planned_start,
              planned_minutes, latitude, longitude, status, started_at, ended_at, delivered_minutes
            FROM travel_visit""";

    private final JdbcClient jdbc;

    TravelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WorkerDay> workerDayOf(String visitId) {
        return jdbc.sql("SELECT worker_id, work_date FROM travel_visit WHERE visit_id = ?")
                .param(visitId)
                .query((rs, n) -> new WorkerDay(rs.getString("worker_id"), Sql.date(rs, "work_date")))
                .optional();
    }

    /** Every visit whose worker-day is this one, whatever its state. */
    List<DayVisit> visitsOn(WorkerDay day) {
        return jdbc.sql(VISIT_COLUMNS + " WHERE worker_id = ? AND work_date = ?")
                .params(day.workerId(), day.date())
                .query(TravelStore::visit)
                .list();
    }

    /** The worker-days of every visit first rostered for this worker on this day, wherever they are now. */
    List<WorkerDay> workerDaysRosteredFor(String workerId, LocalDate rosteredDate) {
        return jdbc.sql(
                        """
                        SELECT DISTINCT worker_id, work_date FROM travel_visit
                        WHERE rostered_worker_id = ? AND rostered_date = ?""")
                .params(workerId, rosteredDate)
                .query((rs, n) -> new WorkerDay(rs.getString("worker_id"), Sql.date(rs, "work_date")))
                .list();
    }

    /**
     * For each visit first rostered for the worker on the given day, the visit before it in that roster (by first
     * planned start), whatever became of either since.
     */
    Map<String, String> rosteredPredecessors(String workerId, LocalDate rosteredDate) {
        List<String> roster = jdbc.sql(
                        """
                        SELECT visit_id FROM travel_visit WHERE rostered_worker_id = ? AND rostered_date = ?
                        ORDER BY rostered_start, visit_id""")
                .params(workerId, rosteredDate)
                .query(String.class)
                .list();
        var predecessors = new HashMap<String, String>();
        for (int i = 1; i < roster.size(); i++) {
            predecessors.put(roster.get(i), roster.get(i - 1));
        }
        return predecessors;
    }

    List<LocalDate> rosteredDatesOf(WorkerDay day) {
        return jdbc.sql(
                        """
                        SELECT DISTINCT rostered_date FROM travel_visit
                        WHERE worker_id = ? AND work_date = ? AND rostered_worker_id = ?""")
                .params(day.workerId(), day.date(), day.workerId())
                .query((rs, n) -> Sql.date(rs, "rostered_date"))
                .list();
    }

    Optional<TravelMode> travelModeOf(String workerId) {
        return jdbc.sql("SELECT travel_mode FROM travel_worker WHERE worker_id = ?")
                .param(workerId)
                .query(String.class)
                .optional()
                .map(TravelMode::valueOf);
    }

    /**
     * Makes the day's stored legs equal to {@code legs}, writing only those that changed. A change to one visit
     * usually moves one or two legs of the day; deleting and inserting them all each time left so many dead rows on
     * the same keys that a rebuild slowed to a few events a second (README, "Performance").
     */
    void replaceLegs(WorkerDay day, List<Leg> legs) {
        Map<Integer, Leg> stored = new HashMap<>();
        legsOf(jdbc, day).forEach(leg -> stored.put(leg.number(), leg));
        for (Leg leg : legs) {
            Leg before = stored.remove(leg.number());
            if (before == null) {
                writeLeg(INSERT_LEG, day, leg);
            } else if (!before.equals(leg)) {
                writeLeg(UPDATE_LEG, day, leg);
            }
        }
        for (int gone : stored.keySet()) {
            jdbc.sql("DELETE FROM travel_leg WHERE worker_id = ? AND work_date = ? AND leg_number = ?")
                    .params(day.workerId(), day.date(), gone)
                    .update();
        }
    }

    private static final String INSERT_LEG =
            """
            INSERT INTO travel_leg (provider_id, zone, from_visit_id, to_visit_id, delivered, planned_gap_minutes,
              planned_travel_minutes, planned_travel_source, actual_travel_minutes, distance_metres, rushed,
              worker_id, work_date, leg_number)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE_LEG =
            """
            UPDATE travel_leg SET provider_id = ?, zone = ?, from_visit_id = ?, to_visit_id = ?, delivered = ?,
              planned_gap_minutes = ?, planned_travel_minutes = ?, planned_travel_source = ?, actual_travel_minutes = ?,
              distance_metres = ?, rushed = ?
            WHERE worker_id = ? AND work_date = ? AND leg_number = ?""";

    /** Both statements take the leg's values first and its key (worker, date, number) last. */
    private void writeLeg(String statement, WorkerDay day, Leg leg) {
        jdbc.sql(statement)
                .params(
                        leg.providerId(),
                        leg.zone(),
                        leg.fromVisitId(),
                        leg.toVisitId(),
                        leg.delivered(),
                        leg.plannedGapMinutes(),
                        leg.plannedTravelMinutes(),
                        leg.plannedTravelSource().name(),
                        leg.actualTravelMinutes(),
                        leg.distanceMetres(),
                        leg.rushed(),
                        day.workerId(),
                        day.date(),
                        leg.number())
                .update();
    }

    static List<Leg> legsOf(JdbcClient jdbc, WorkerDay day) {
        return jdbc.sql(
                        """
                        SELECT leg_number, from_visit_id, to_visit_id, provider_id, zone, delivered, planned_gap_minutes,
                          planned_travel_minutes, planned_travel_source, actual_travel_minutes, distance_metres, rushed
                        FROM travel_leg WHERE worker_id = ? AND work_date = ? ORDER BY leg_number""")
                .params(day.workerId(), day.date())
                .query((rs, n) -> new Leg(
                        rs.getInt("leg_number"),
                        rs.getString("from_visit_id"),
                        rs.getString("to_visit_id"),
                        rs.getString("provider_id"),
                        rs.getString("zone"),
                        rs.getBoolean("delivered"),
                        rs.getInt("planned_gap_minutes"),
                        Sql.nullableInt(rs, "planned_travel_minutes"),
                        PlannedTravelSource.valueOf(rs.getString("planned_travel_source")),
                        Sql.nullableInt(rs, "actual_travel_minutes"),
                        Sql.nullableInt(rs, "distance_metres"),
                        rs.getBoolean("rushed")))
                .list();
    }

    static DayVisit visit(ResultSet rs, int rowNumber) throws SQLException {
        double lat = rs.getDouble("latitude");
        Location location = rs.wasNull() ? null : new Location(lat, rs.getDouble("longitude"));
        return new DayVisit(
                rs.getString("visit_id"),
                rs.getString("provider_id"),
                rs.getString("zone"),
                rs.getString("worker_id"),
                rs.getString("rostered_worker_id"),
                Sql.nullableInt(rs, "rostered_travel_minutes"),
                Sql.instant(rs, "planned_start"),
                rs.getInt("planned_minutes"),
                location,
                VisitStatus.valueOf(rs.getString("status")),
                Sql.instant(rs, "started_at"),
                Sql.instant(rs, "ended_at"),
                Sql.nullableInt(rs, "delivered_minutes"));
    }
}
