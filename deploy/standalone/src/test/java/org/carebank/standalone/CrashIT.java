package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in a child JVM on PostgreSQL is killed with SIGKILL while a client streams commands with
 * Idempotency-Keys and retries them. After a restart every acknowledged command's events are there exactly once,
 * the deadlines set before the crash still fire, and the views agree with the events.
 */
class CrashIT {

    private static final String AUTH =
            "Basic " + Base64.getEncoder().encodeToString("council:council".getBytes(StandardCharsets.UTF_8));
    private static final int VISITS = 40;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String jdbcUrl;
    private int port;

    record Command(String method, String path, Object body) {}

    @Test
    @DisplayName("SIGKILL mid-stream: acknowledged commands stored exactly once, deadlines fire, views agree")
    void killedMidStream() throws Exception {
        jdbcUrl = TestPostgres.jdbcUrl("crash");
        port = freePort();
        var service = start();
        try {
            String provider = "crash-care";
            send(new Command(
                    "POST",
                    "/api/v1/providers",
                    ApiTestSupport.admission(provider, ApiTestSupport.cqc("GOOD", "GOOD"))));
            send(new Command(
                    "POST",
                    "/api/v1/packages",
                    Map.of(
                            "packageId",
                            "crash-pkg",
                            "clientRef",
                            "C-crash",
                            "zone",
                            "north",
                            "weeklyMinutes",
                            600,
                            "hourlyRatePence",
                            2400,
                            "timeBanking",
                            false,
                            "startsOn",
                            "2026-01-01")));
            send(new Command("POST", "/api/v1/packages/crash-pkg/offers", Map.of("providerId", provider)));
            send(new Command("POST", "/api/v1/packages/crash-pkg/acceptance", Map.of("providerId", provider)));

            // Missed in about a minute: their deadlines are set before the crash and must fire after it.
            var plannedStart = Instant.now().minusSeconds(120 * 60 - 60);
            var stream = new ArrayList<Command>();
            for (int i = 0; i < VISITS; i++) {
                stream.add(new Command(
                        "POST",
                        "/api/v1/providers/" + provider + "/workers",
                        Map.of(
                                "workerId",
                                "crash-w-" + i,
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "CAR",
                                "hourlyPayPence",
                                1300)));
                var visit = ApiTestSupport.visit("crash-pkg", "crash-w-" + i, plannedStart, 60);
                stream.add(new Command("PUT", "/api/v1/visits/crash-v-" + i, visit));
            }
            var acknowledged = new AtomicInteger();
            var client = CompletableFuture.runAsync(() -> stream.forEach(command -> {
                send(command);
                acknowledged.incrementAndGet();
            }));

            while (acknowledged.get() < stream.size() / 4 && !client.isDone()) {
                Thread.sleep(20);
            }
            if (client.isCompletedExceptionally()) {
                client.get(); // shows why the client stopped
            }
            service.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no flush
            int atCrash = acknowledged.get();
            service = start();
            client.get();

            assertThat(atCrash).as("the crash came mid-stream").isLessThan(stream.size());
            assertThat(acknowledged.get()).isEqualTo(stream.size());
            for (int i = 0; i < VISITS; i++) {
                assertThat(count("visit:crash-v-" + i, "VisitScheduled"))
                        .as("visit " + i)
                        .isEqualTo(1);
            }
            assertThat(count("provider:" + provider, "WorkerRegistered")).isEqualTo(VISITS);

            // Deadlines survive the crash: each visit is marked missed, once.
            long deadline = System.currentTimeMillis() + 120_000;
            while (countAll("VisitMissed", "visit:crash-v-%") < VISITS && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            for (int i = 0; i < VISITS; i++) {
                assertThat(count("visit:crash-v-" + i, "VisitMissed"))
                        .as("visit " + i + " missed")
                        .isEqualTo(1);
            }
            // The views caught up with the events after the restart.
            deadline = System.currentTimeMillis() + 60_000;
            while (viewCount("SELECT COUNT(*) FROM visit_view WHERE visit_id LIKE 'crash-v-%' AND status = 'MISSED'")
                            < VISITS
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            assertThat(viewCount(
                            "SELECT COUNT(*) FROM visit_view WHERE visit_id LIKE 'crash-v-%' AND status = 'MISSED'"))
                    .isEqualTo(VISITS);
            assertThat(viewCount("SELECT COUNT(*) FROM worker_view WHERE provider_id = 'crash-care'"))
                    .isEqualTo(VISITS);

            // Every projection equals a rebuild of it from the events that survived the crash.
            for (String view : List.of(
                    "provider-views",
                    "package-views",
                    "visit-views",
                    "time-bank-views",
                    "travel-views",
                    "performance-views")) {
                String before = rows(view);
                rebuild(view);
                assertThat(rows(view)).as(view + " after a rebuild").isEqualTo(before);
            }
        } finally {
            service.destroyForcibly().waitFor();
        }
    }

    private Process start() throws Exception {
        var command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-Daxoniq.update-checker.disabled=true",
                "-jar",
                System.getProperty("carebank.jar"),
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=" + port,
                "--db-scheduler.polling-interval=500ms",
                "--logging.structured.format.console=");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/crash-service.log"))
                .start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                var health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not start; see target/crash-service.log");
    }

    /** Sends until the service answers below 500, with the same Idempotency-Key on every retry. */
    private void send(Command command) {
        String body = Api.JSON.writeValueAsString(command.body());
        // One key per command (its method, path and body), the same on every retry of it.
        String key = "crash-" + Integer.toHexString((command.method() + command.path() + body).hashCode());
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + command.path()))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", AUTH)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .method(command.method(), HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    assertThat(response.statusCode())
                            .as(command + " " + response.body())
                            .isBetween(200, 201);
                    return;
                }
            } catch (IOException serviceDown) {
                // killed or restarting: retry with the same key
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no answer for " + command);
    }

    /** The tables of each view, every row, in a stable order (timestamps of the rebuild itself left out). */
    private static final Map<String, List<String>> VIEW_QUERIES = Map.of(
            "provider-views",
            List.of(
                    "SELECT provider_id, name, status, cqc_overall, cqc_well_led FROM provider_view ORDER BY 1",
                    "SELECT * FROM worker_view ORDER BY worker_id"),
            "package-views",
            List.of(
                    "SELECT package_id, client_ref, status, provider_id FROM package_view ORDER BY 1",
                    "SELECT package_id, provider_id, outcome FROM package_offer_view ORDER BY 1, 2"),
            "visit-views",
            List.of("SELECT visit_id, worker_id, planned_start, status, late, missed_alerted, delivered_minutes"
                    + " FROM visit_view ORDER BY 1"),
            "time-bank-views",
            List.of("SELECT client_ref, balance FROM time_bank_view ORDER BY 1"),
            "travel-views",
            List.of("SELECT COUNT(*) FROM travel_visit"),
            "performance-views",
            List.of("SELECT COUNT(*), COUNT(DISTINCT provider_id) FROM performance_visit"));

    private String rows(String view) {
        var text = new StringBuilder();
        for (String sql : VIEW_QUERIES.get(view)) {
            try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                    var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int column = 1; column <= columns; column++) {
                        text.append(result.getString(column)).append('|');
                    }
                    text.append('\n');
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
        return text.toString();
    }

    private void rebuild(String view) throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        var uri = URI.create("http://localhost:" + port + "/api/v1/admin/projections/" + view + "/rebuild");
        var started = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", admin)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isBetween(200, 202);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            var progress = http.send(
                    HttpRequest.newBuilder(uri).header("Authorization", admin).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (Api.JSON.readTree(progress.body()).path("state").asString().equals("LIVE")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(view + " did not finish rebuilding");
    }

    private long count(String stream, String type) {
        return query("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = '" + stream
                + "' AND payloadtype LIKE '%." + type + "'");
    }

    private long countAll(String type, String streamPattern) {
        return query("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier LIKE '" + streamPattern
                + "' AND payloadtype LIKE '%." + type + "'");
    }

    private long viewCount(String sql) {
        return query(sql);
    }

    private long query(String sql) {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
