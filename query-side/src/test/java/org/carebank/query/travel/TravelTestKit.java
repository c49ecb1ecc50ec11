package org.carebank.query.travel;

import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The travel projection and its queries as the application wires them, for tests in other packages. */
public final class TravelTestKit {

    private TravelTestKit() {}

    public static Object projection(JdbcClient jdbc) {
        return new TravelProjection(
                jdbc,
                TestDatabase.batchedWrites(jdbc),
                new WorkerDayRows(jdbc, TestDatabase.jdbcTemplate(jdbc)),
                DashboardCalendar.london(),
                TravelSettings.defaults());
    }
}
