package org.carebank.query.charter;

import java.util.List;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The charter figures the performance queries do not give: legs from the travel projection's tables, contracts from
 * the performance projection's workers. The charter view has no tables of its own, so rebuilding those two
 * projections rebuilds it.
 */
@Component
class CharterQueries {

    record Travel(long deliveredVisits, long deliveredLegs, long rushedLegs, long legsWithRosteredTravel) {}

    record Workforce(long workers, long zeroHours) {}

    private final JdbcClient jdbc;
    private final DashboardCalendar calendar;

    CharterQueries(JdbcClient jdbc, DashboardCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /** Delivered visits and legs on the period's days (local day of check-in). */
    Travel travel(String providerId, DatePeriod period) {
        long visits = jdbc.sql(
                        """
                        SELECT COUNT(*) FROM travel_visit
                        WHERE provider_id = ? AND work_date BETWEEN ? AND ? AND status = 'DELIVERED'""")
                .params(providerId, period.from(), period.to())
                .query(Long.class)
                .single();
        return jdbc.sql(
                        """
                        SELECT COUNT(*) AS legs, SUM(CASE WHEN rushed THEN 1 ELSE 0 END) AS rushed,
                          SUM(CASE WHEN planned_travel_source = 'ROSTER' THEN 1 ELSE 0 END) AS rostered
                        FROM travel_leg
                        WHERE provider_id = ? AND work_date BETWEEN ? AND ? AND delivered = TRUE""")
                .params(providerId, period.from(), period.to())
                .query((rs, n) -> new Travel(visits, rs.getLong("legs"), rs.getLong("rushed"), rs.getLong("rostered")))
                .single();
    }

    /** The provider's workers registered by the end of the period, and how many of them are on zero hours. */
    Workforce workforce(String providerId, DatePeriod period) {
        return jdbc.sql(
                        """
                        SELECT COUNT(*) AS workers,
                          SUM(CASE WHEN contract_type = 'ZERO_HOURS' THEN 1 ELSE 0 END) AS zero_hours
                        FROM performance_worker WHERE provider_id = ? AND registered_at < ?""")
                .params(List.of(providerId, Sql.ts(calendar.endOf(period))))
                .query((rs, n) -> new Workforce(rs.getLong("workers"), rs.getLong("zero_hours")))
                .single();
    }
}
