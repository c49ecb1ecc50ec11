package org.carebank.query.travel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows the travel projection keeps per worker-day: it reads what a day's legs are computed from (the day's visits,
 * their rosters, the worker's travel mode) and writes the legs that changed.
 */
@Component
class WorkerDayRows {

    private static final String VISIT_COLUMNS =
            """
            SELECT visit_id, provider_id, zone, worker_id, rostered_worker_id, rostered_travel_minutes, planned_start,
              planned_minutes, latitude, longitude, status, started_at, ended_at, delivered_minutes""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    WorkerDayRows(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** The worker-days the visits are on. */
    Set<WorkerDay> workerDaysOf(Set<String> visitIds) {
        var days = new HashSet<WorkerDay>();
        if (!visitIds.isEmpty()) {
            jdbc.sql("SELECT DISTINCT worker_id, work_date FROM travel_visit WHERE visit_id IN (:visits)")
                    .param("visits", visitIds)
                    .query(rs -> {
                        days.add(new WorkerDay(rs.getString("worker_id"), Sql.date(rs, "work_date")));
                    });
        }
        return days;
    }

    /**
     * The worker-days of every visit first rostered in the given rosters (a worker and the day visits were rostered
     * for), wherever the visits are now.
     */
    Set<WorkerDay> workerDaysRosteredFor(Set<WorkerDay> rosters) {
        var days = new HashSet<WorkerDay>();
        eachRowOf(
                rosters,
                ROSTER,
                """
                SELECT DISTINCT worker_id, work_date, rostered_worker_id, rostered_date FROM travel_visit
                WHERE rostered_worker_id IN (:workers) AND rostered_date IN (:dates)""",
                (roster, rs) -> days.add(new WorkerDay(rs.getString("worker_id"), Sql.date(rs, "work_date"))));
        return days;
    }

    /** What computing a worker-day's legs needs (see {@link WorkerDayLegs#legs}). */
    record DayInputs(List<DayVisit> visits, Map<String, String> rosteredPredecessors, TravelMode travelMode) {}

    /**
     * The inputs of every given worker-day, in three queries however many days there are: the travel projection
     * recomputes all the days a batch of events touched at once, where one day at a time took five queries each.
     */
    Map<WorkerDay, DayInputs> inputsOf(Set<WorkerDay> days) {
        var visits = new HashMap<WorkerDay, List<DayVisit>>();
        var rosters = new HashSet<WorkerDay>(); // (worker, rostered date) of the rosters the days' visits came from
        var rosteredDates = new HashMap<WorkerDay, Set<LocalDate>>();
        eachRowOf(
                days,
                WORK_DAY,
                VISIT_COLUMNS + ", work_date, rostered_date FROM travel_visit"
                        + " WHERE worker_id IN (:workers) AND work_date IN (:dates)",
                (day, rs) -> {
                    visits.computeIfAbsent(day, d -> new ArrayList<>()).add(visit(rs));
                    if (day.workerId().equals(rs.getString("rostered_worker_id"))) {
                        var rosteredOn = Sql.date(rs, "rostered_date");
                        rosters.add(new WorkerDay(day.workerId(), rosteredOn));
                        rosteredDates.computeIfAbsent(day, d -> new HashSet<>()).add(rosteredOn);
                    }
                });
        var predecessorsByRoster = rosteredPredecessors(rosters);
        var travelModes = travelModesOf(workersOf(days));
        var inputs = new HashMap<WorkerDay, DayInputs>();
        for (WorkerDay day : days) {
            var predecessors = new HashMap<String, String>();
            for (LocalDate rosteredOn : rosteredDates.getOrDefault(day, Set.of())) {
                predecessors.putAll(
                        predecessorsByRoster.getOrDefault(new WorkerDay(day.workerId(), rosteredOn), Map.of()));
            }
            inputs.put(
                    day,
                    new DayInputs(visits.getOrDefault(day, List.of()), predecessors, travelModes.get(day.workerId())));
        }
        return inputs;
    }

    /**
     * For each roster (a worker and the day visits were first rostered for), each of its visits' predecessor in it by
     * first planned start, whatever became of either since.
     */
    private Map<WorkerDay, Map<String, String>> rosteredPredecessors(Set<WorkerDay> rosters) {
        var predecessors = new HashMap<WorkerDay, Map<String, String>>();
        var previous = new HashMap<WorkerDay, String>();
        eachRowOf(
                rosters,
                ROSTER,
                """
                SELECT visit_id, rostered_worker_id, rostered_date FROM travel_visit
                WHERE rostered_worker_id IN (:workers) AND rostered_date IN (:dates)
                ORDER BY rostered_worker_id, rostered_date, rostered_start, visit_id""",
                (roster, rs) -> {
                    String visitId = rs.getString("visit_id");
                    String before = previous.put(roster, visitId);
                    if (before != null) {
                        predecessors
                                .computeIfAbsent(roster, r -> new HashMap<>())
                                .put(visitId, before);
                    }
                });
        return predecessors;
    }

    private Map<String, TravelMode> travelModesOf(List<String> workers) {
        var modes = new HashMap<String, TravelMode>();
        jdbc.sql("SELECT worker_id, travel_mode FROM travel_worker WHERE worker_id IN (:workers)")
                .param("workers", workers)
                .query(rs -> {
                    modes.put(rs.getString("worker_id"), TravelMode.valueOf(rs.getString("travel_mode")));
                });
        return modes;
    }

    /**
     * Makes each day's stored legs equal to the computed ones, writing only those that changed, as three JDBC batches
     * (inserts, updates, deletes). A change to one visit usually moves one or two legs of a day; deleting and inserting
     * them all each time left so many dead rows on the same keys that a rebuild slowed to a few events a second
     * (docs/performance/README.md).
     */
    void replaceLegs(Map<WorkerDay, List<Leg>> computed) {
        var stored = storedLegsOf(computed.keySet());
        var inserts = new ArrayList<Object[]>();
        var updates = new ArrayList<Object[]>();
        var deletes = new ArrayList<Object[]>();
        computed.forEach((day, legs) -> {
            var storedLegs = stored.getOrDefault(day, new HashMap<>());
            for (Leg leg : legs) {
                Leg before = storedLegs.remove(leg.number());
                if (before == null) {
                    inserts.add(legRow(day, leg));
                } else if (!before.equals(leg)) {
                    updates.add(legRow(day, leg));
                }
            }
            for (int gone : storedLegs.keySet()) {
                deletes.add(new Object[] {day.workerId(), day.date(), gone});
            }
        });
        batch(INSERT_LEG, inserts);
        batch(UPDATE_LEG, updates);
        batch("DELETE FROM travel_leg WHERE worker_id = ? AND work_date = ? AND leg_number = ?", deletes);
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows);
        }
    }

    private Map<WorkerDay, Map<Integer, Leg>> storedLegsOf(Set<WorkerDay> days) {
        var stored = new HashMap<WorkerDay, Map<Integer, Leg>>();
        eachRowOf(
                days,
                WORK_DAY,
                LEG_COLUMNS + ", worker_id, work_date FROM travel_leg"
                        + " WHERE worker_id IN (:workers) AND work_date IN (:dates)",
                (day, rs) -> {
                    Leg leg = leg(rs, 0);
                    stored.computeIfAbsent(day, d -> new HashMap<>()).put(leg.number(), leg);
                });
        return stored;
    }

    /** Which columns of a row name the worker-day it belongs to: where the visit is now, or whose roster it was on. */
    private record DayColumns(String worker, String date) {}

    private static final DayColumns WORK_DAY = new DayColumns("worker_id", "work_date");
    private static final DayColumns ROSTER = new DayColumns("rostered_worker_id", "rostered_date");

    private interface RowOfDay {
        void accept(WorkerDay day, ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code sql}, which selects by {@code :workers} and {@code :dates}, for the days' workers on the days' dates
     * (one query however many days), and hands over the rows of the days asked for: the rest of that cross product is
     * skipped. Nothing is asked for no days.
     */
    private void eachRowOf(Set<WorkerDay> days, DayColumns columns, String sql, RowOfDay row) {
        if (days.isEmpty()) {
            return;
        }
        jdbc.sql(sql)
                .param("workers", workersOf(days))
                .param("dates", datesOf(days))
                .query(rs -> {
                    var day = new WorkerDay(rs.getString(columns.worker()), Sql.date(rs, columns.date()));
                    if (days.contains(day)) {
                        row.accept(day, rs);
                    }
                });
    }

    private static List<String> workersOf(Set<WorkerDay> days) {
        return days.stream().map(WorkerDay::workerId).distinct().toList();
    }

    private static List<LocalDate> datesOf(Set<WorkerDay> days) {
        return days.stream().map(WorkerDay::date).distinct().toList();
    }

    private static final String INSERT_LEG =
            """
            INSERT INTO travel_leg (provider_id, zone, from_visit_id, to_visit_id, delivered, planned_gap_minutes,
              planned_travel_minutes, planned_travel_source, actual_travel_minutes, travel_minutes, waiting_minutes,
              distance_metres, rushed, worker_id, work_date, leg_number)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE_LEG =
            """
            UPDATE travel_leg SET provider_id = ?, zone = ?, from_visit_id = ?, to_visit_id = ?, delivered = ?,
              planned_gap_minutes = ?, planned_travel_minutes = ?, planned_travel_source = ?, actual_travel_minutes = ?,
              travel_minutes = ?, waiting_minutes = ?, distance_metres = ?, rushed = ?
            WHERE worker_id = ? AND work_date = ? AND leg_number = ?""";

    /** Both statements take the leg's values first and its key (worker, date, number) last. */
    private static Object[] legRow(WorkerDay day, Leg leg) {
        return new Object[] {
            leg.providerId(),
            leg.zone(),
            leg.fromVisitId(),
            leg.toVisitId(),
            leg.delivered(),
            leg.plannedGapMinutes(),
            leg.plannedTravelMinutes(),
            leg.plannedTravelSource().name(),
            leg.actualTravelMinutes(),
            leg.travelMinutes(),
            leg.waitingMinutes(),
            leg.distanceMetres(),
            leg.rushed(),
            day.workerId(),
            day.date(),
            leg.number()
        };
    }

    private static final String LEG_COLUMNS =
            """
            SELECT leg_number, from_visit_id, to_visit_id, provider_id, zone, delivered, planned_gap_minutes,
              planned_travel_minutes, planned_travel_source, actual_travel_minutes, travel_minutes, waiting_minutes,
              distance_metres, rushed""";

    static List<Leg> legsOf(JdbcClient jdbc, WorkerDay day) {
        return jdbc.sql(LEG_COLUMNS + " FROM travel_leg WHERE worker_id = ? AND work_date = ? ORDER BY leg_number")
                .params(day.workerId(), day.date())
                .query(WorkerDayRows::leg)
                .list();
    }

    private static Leg leg(ResultSet rs, int rowNumber) throws SQLException {
        return new Leg(
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
                Sql.nullableInt(rs, "travel_minutes"),
                Sql.nullableInt(rs, "waiting_minutes"),
                Sql.nullableInt(rs, "distance_metres"),
                rs.getBoolean("rushed"));
    }

    private static DayVisit visit(ResultSet rs) throws SQLException {
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
