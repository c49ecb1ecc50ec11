package org.carebank.query.performance;

import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The performance projection and its queries as the application wires them, for tests in other packages. */
public final class PerformanceTestKit {

    private PerformanceTestKit() {}

    public static Object projection(JdbcClient jdbc) {
        return new PerformanceProjection(jdbc, TestDatabase.batchedWrites(jdbc), DashboardCalendar.london());
    }

    public static PerformanceQueries queries(JdbcClient jdbc) {
        return new PerformanceQueries(jdbc, DashboardCalendar.london(), PerformanceSettings.defaults());
    }
}
