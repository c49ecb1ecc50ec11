package org.carebank.query.charter;

import java.time.LocalDate;
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
    /**
     * The Care Certificate within 12 weeks of starting (seed 003): of the workers whose first 12 weeks ended by the
     * period's end (counted from registration), how many had it by then.
     */
    record CareCertificates(long workers, long withinTwelveWeeks) {}

    CareCertificates careCertificates(String providerId, DatePeriod period) {
        long[] counts = new long[2];
        jdbc.sql(
                        """
                        SELECT w.registered_at, MIN(q.achieved_on) AS certified_on
                        FROM performance_worker w LEFT JOIN performance_qualification q
                          ON q.worker_id = w.worker_id AND q.kind = 'CARE_CERTIFICATE'
                        WHERE w.provider_id = ? AND w.registered_at < ?
                        GROUP BY w.worker_id, w.registered_at""")
                .params(List.of(providerId, Sql.ts(calendar.endOf(period))))
                .query(rs -> {
                    LocalDate started =
                            calendar.dateOf(rs.getTimestamp("registered_at").toInstant());
                    LocalDate twelveWeeks = started.plusWeeks(12);
                    if (twelveWeeks.isAfter(period.to())) {
                        return; // still within their first 12 weeks at the period's end: not yet due
                    }
                    counts[0]++;
                    var certified = rs.getDate("certified_on");
                    if (certified != null && !certified.toLocalDate().isAfter(twelveWeeks)) {
                        counts[1]++;
                    }
                });
        return new CareCertificates(counts[0], counts[1]);
    }

    /**
     * Workers still with the provider at the period's end who hold a qualification expired by then, with no later
     * one of the same kind still valid.
     */
    record Expired(long workers, long withExpired) {}

    Expired expiredQualifications(String providerId, DatePeriod period) {
        return jdbc.sql(
                        """
                        SELECT COUNT(*) AS workers,
                          SUM(CASE WHEN EXISTS (SELECT 1 FROM performance_qualification q
                              WHERE q.worker_id = w.worker_id AND q.expires_on <= :to
                                AND NOT EXISTS (SELECT 1 FROM performance_qualification r
                                  WHERE r.worker_id = q.worker_id AND r.kind = q.kind AND r.achieved_on <= :to
                                    AND (r.expires_on IS NULL OR r.expires_on > :to)))
                            THEN 1 ELSE 0 END) AS expired
                        FROM performance_worker w
                        WHERE w.provider_id = :provider AND w.registered_at < :end
                          AND (w.left_on IS NULL OR w.left_on > :to)""")
                .param("to", period.to())
                .param("provider", providerId)
                .param("end", Sql.ts(calendar.endOf(period)))
                .query((rs, n) -> new Expired(rs.getLong("workers"), rs.getLong("expired")))
                .single();
    }
}
