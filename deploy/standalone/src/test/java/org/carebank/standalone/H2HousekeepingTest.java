package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The default store writes every commit at once ({@code WRITE_DELAY=0}), which leaves H2 without its background
 * writer: this shows the file growing without bound without housekeeping, and staying near its live data with it.
 * The stores here use {@code RETENTION_TIME=0} so that chunks are freeable at once and the test does not depend on
 * the machine's speed; the service keeps H2's 45 s retention, which only delays the same freeing.
 */
class H2HousekeepingTest {

    private static final int COMMITS = 6_000;

    @Test
    @DisplayName("with WRITE_DELAY=0 the H2 file stays near its live data with housekeeping, and grows without it")
    void housekeepingBoundsTheFile() throws Exception {
        long without = fileSizeAfterCommits(false);
        long with = fileSizeAfterCommits(true);

        // Measured: about 4 KB per commit without housekeeping, about 1 KB (the rows themselves) with it.
        assertThat(with).as("file with housekeeping, bytes").isLessThan(without / 2);
        assertThat(with).as("file with housekeeping, bytes").isLessThan(COMMITS * 2_000L);
    }

    private static long fileSizeAfterCommits(boolean housekeeping) throws Exception {
        Path directory = Files.createDirectories(
                Path.of("target", "h2-housekeeping", UUID.randomUUID().toString()));
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + directory.toAbsolutePath().resolve("store") + RunningService.H2_OPTIONS
                + ";RETENTION_TIME=0");
        dataSource.setUser("sa");
        var tidier = new H2Housekeeping(
                dataSource, new H2Housekeeping.Settings(Duration.ofSeconds(1)), new H2OneWriter.WriteLock());
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE event (id BIGINT PRIMARY KEY, payload VARCHAR(1000))");
            try (var insert = connection.prepareStatement("INSERT INTO event VALUES (?, ?)")) {
                for (int i = 0; i < COMMITS; i++) {
                    insert.setLong(1, i);
                    insert.setString(2, "payload " + i + " " + "x".repeat(500));
                    insert.executeUpdate();
                    if (housekeeping && i % 500 == 0) {
                        tidier.tidy();
                    }
                }
            }
            if (housekeeping) {
                tidier.tidy();
            }
            return Files.size(directory.resolve("store.mv.db"));
        }
    }
}
