package org.carebank.query.travel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebank.query.period.DatePeriod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the travel tables for the travel endpoints: travel totals summed over the travel projection's rows, grouped by worker or provider. Two indexed aggregates (the
 * delivered visits, the delivered legs) merged by group: no figure is stored twice, so none can disagree.
 */
@Component
class TravelTotalsReader {

    /** How the rows are narrowed and grouped; the SQL fragments are constants, values always go as parameters. */
    enum Grouping {
        WORKER_DAY("worker_id = ?", "worker_id"),
        WORKERS_OF_PROVIDER("provider_id = ?", "worker_id"),
        PROVIDERS_IN_ZONE("zone = ?", "provider_id");

        private final String filter;
        private final String groupBy;

        Grouping(String filter, String groupBy) {
            this.filter = filter;
            this.groupBy = groupBy;
        }
    }

    private final JdbcClient jdbc;

    TravelTotalsReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param onlyProvider when not null, only rows of this provider (a provider user looking at a zone)
     */
    Map<String, TravelTotals> figures(Grouping grouping, String key, DatePeriod days, String onlyProvider) {
        var where = new StringBuilder(" WHERE " + grouping.filter + " AND work_date BETWEEN ? AND ?");
        var params = new ArrayList<Object>(List.of(key, days.from(), days.to()));
        if (onlyProvider != null) {
            where.append(" AND provider_id = ?");
            params.add(onlyProvider);
        }
        String group = grouping.groupBy;
        var visits = new HashMap<String, long[]>();
        jdbc.sql("SELECT " + group + " AS grp, COUNT(*) AS visits, COALESCE(SUM(delivered_minutes), 0) AS contact"
                        + " FROM travel_visit" + where + " AND status = 'DELIVERED' GROUP BY " + group)
                .params(params)
                .query(rs -> {
                    visits.put(rs.getString("grp"), new long[] {rs.getLong("visits"), rs.getLong("contact")});
                });
        var result = new HashMap<String, TravelTotals>();
        visits.forEach((grp, v) -> result.put(grp, TravelTotals.of((int) v[0], v[1], 0, 0, 0, 0, 0, 0, 0, 0)));
        jdbc.sql("SELECT " + group + " AS grp, COUNT(*) AS legs,"
                        + " COALESCE(SUM(planned_travel_minutes), 0) AS planned,"
                        + " COALESCE(SUM(actual_travel_minutes), 0) AS actual,"
                        + " COALESCE(SUM(travel_minutes), 0) AS travel, COALESCE(SUM(waiting_minutes), 0) AS waiting,"
                        + " SUM(CASE WHEN rushed THEN 1 ELSE 0 END) AS rushed,"
                        + " COALESCE(SUM(distance_metres), 0) AS distance, COUNT(distance_metres) AS located"
                        + " FROM travel_leg" + where + " AND delivered = TRUE GROUP BY " + group)
                .params(params)
                .query(rs -> {
                    var legs = TravelTotals.of(
                            0,
                            0,
                            rs.getInt("legs"),
                            rs.getLong("planned"),
                            rs.getLong("actual"),
                            rs.getLong("travel"),
                            rs.getLong("waiting"),
                            rs.getInt("rushed"),
                            rs.getLong("distance"),
                            rs.getInt("located"));
                    result.merge(rs.getString("grp"), legs, TravelTotals::plus);
                });
        return result;
    }

    List<Leg> legsOf(WorkerDay day) {
        return WorkerDayRows.legsOf(jdbc, day);
    }

    /** The worker's provider, when the worker is known. */
    java.util.Optional<String> providerOfWorker(String workerId) {
        return jdbc.sql("SELECT provider_id FROM travel_worker WHERE worker_id = ?")
                .param(workerId)
                .query(String.class)
                .optional();
    }

    boolean providerExists(String providerId) {
        return jdbc.sql("SELECT COUNT(*) FROM travel_provider WHERE provider_id = ?")
                        .param(providerId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
