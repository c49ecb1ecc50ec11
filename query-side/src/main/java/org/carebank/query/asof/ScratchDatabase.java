package org.carebank.query.asof;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.carebank.query.batch.BatchedWrites;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A private, empty copy of the query schema for one as-of answer: an in-memory H2 database in PostgreSQL mode (as the
 * standalone runs its store) with the query side's own migrations applied, so the projections' SQL runs on it
 * unchanged. One connection, held until {@link #close()}, which drops the database: nothing outlives the answer.
 */
final class ScratchDatabase implements AutoCloseable {

    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate template;

    private ScratchDatabase(SingleConnectionDataSource dataSource) {
        this.dataSource = dataSource;
        this.template = new JdbcTemplate(dataSource);
    }

    static ScratchDatabase create() {
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:as-of-" + UUID.randomUUID() + OPTIONS);
        h2.setUser("sa");
        try {
            // The in-memory database lives as long as this connection: opened first, closed last.
            Connection connection = h2.getConnection();
            var scratch = new ScratchDatabase(new SingleConnectionDataSource(connection, true));
            Flyway.configure()
                    .dataSource(scratch.dataSource)
                    .locations("classpath:db/migration/query")
                    .load()
                    .migrate();
            return scratch;
        } catch (SQLException e) {
            throw new IllegalStateException("creating the as-of scratch database failed", e);
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    JdbcTemplate jdbcTemplate() {
        return template;
    }

    JdbcClient jdbcClient() {
        return JdbcClient.create(template);
    }

    NamedParameterJdbcTemplate namedParameterJdbcTemplate() {
        return new NamedParameterJdbcTemplate(template);
    }

    /** Without dead letters: a write that fails here fails the answer, it is never parked in the live service. */
    BatchedWrites batchedWrites() {
        return new BatchedWrites(template);
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
