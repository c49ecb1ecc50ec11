package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged service in a child JVM is killed with SIGKILL three times while a client streams commands with
 * Idempotency-Keys and retries them, on the README's default store (H2 file under ./data) and on PostgreSQL. After
 * each restart every command acknowledged before the kill has its event stored exactly once and the hash chain is
 * valid; at the end the deadlines set before the crashes fire, and the views agree with a rebuild from the events.
 */
class CrashIT {

    private static final String AUTH =
            "Basic " + Base64.getEncoder().encodeToString("council:council".getBytes(StandardCharsets.UTF_8));
    private static final String ADMIN =
            "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final int VISITS = 40;
    private static final int KILLS = 3;
    private static final String PROVIDER = "crash-care";

    /** The stores a user can run the standalone on; each gets the same crashes. */
    enum Store {
        /** The README's default: no datasource setting at all, so the file lands in the working directory's ./data. */
        H2_FILE {
            @Override
            List<String> arguments() {
                return List.of();
            }
        },
        POSTGRESQL {
            @Override
            List<String> arguments() {
                return List.of(
                        "--spring.datasource.url=" + TestPostgres.jdbcUrl("crash"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres");
            }
        };

        abstract List<String> arguments();
    }

    /** One command and the event that proves it stored: in {@code streamId}, of {@code type}, with the given id. */
    record Command(String method, String path, Object body, String streamId, String type, String idField, String id) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private PackagedService service;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Store.class)
    @DisplayName("SIGKILL mid-stream, 3 times: acknowledged commands stored exactly once, chain valid, deadlines fire")
    void killedMidStream(Store store) throws Exception {
        service = new PackagedService(
                PackagedService.freshDirectory("crash-" + store.name().toLowerCase()),
                PackagedService.freePort(),
                store.arguments());
        service.start();
        try {
            send(new Command(
                    "POST",
                    "/api/v1/providers",
                    ApiTestSupport.admission(PROVIDER, ApiTestSupport.cqc("GOOD", "GOOD")),
                    "provider:" + PROVIDER,
                    "ProviderAdmitted",
                    "providerId",
                    PROVIDER));
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
                            "2026-01-01"),
                    "package:crash-pkg",
                    "PackageCommissioned",
                    "packageId",
                    "crash-pkg"));
            send(new Command(
                    "POST",
                    "/api/v1/packages/crash-pkg/offers",
                    Map.of("providerId", PROVIDER),
                    "package:crash-pkg",
                    "PackageOffered",
                    "providerId",
                    PROVIDER));
            send(new Command(
                    "POST",
                    "/api/v1/packages/crash-pkg/acceptance",
                    Map.of("providerId", PROVIDER),
                    "package:crash-pkg",
                    "PackageAccepted",
                    "providerId",
                    PROVIDER));

            // Missed in about a minute: most deadlines are set before a crash and must fire after it.
            var plannedStart = Instant.now().minusSeconds(120 * 60 - 60);
            var stream = new ArrayList<Command>();
            for (int i = 0; i < VISITS; i++) {
                stream.add(new Command(
                        "POST",
                        "/api/v1/providers/" + PROVIDER + "/workers",
                        Map.of(
                                "workerId",
                                "crash-w-" + i,
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "CAR",
                                "hourlyPayPence",
                                1300),
                        "provider:" + PROVIDER,
                        "WorkerRegistered",
                        "workerId",
                        "crash-w-" + i));
                var visit = ApiTestSupport.visit("crash-pkg", "crash-w-" + i, plannedStart, 60);
                stream.add(new Command(
                        "PUT",
                        "/api/v1/visits/crash-v-" + i,
                        visit,
                        "visit:crash-v-" + i,
                        "VisitScheduled",
                        "visitId",
                        "crash-v-" + i));
            }
            var acknowledged = new ConcurrentLinkedQueue<Command>();
            var client = CompletableFuture.runAsync(() -> stream.forEach(command -> {
                send(command);
                acknowledged.add(command);
            }));

            for (int kill = 1; kill <= KILLS; kill++) {
                while (acknowledged.size() < stream.size() * kill / (KILLS + 1) && !client.isDone()) {
                    Thread.sleep(5);
                }
                if (client.isCompletedExceptionally()) {
                    client.get(); // shows why the client stopped
                }
                assertThat(client).as("kill " + kill + " came mid-stream").isNotDone();
                service.kill(); // SIGKILL: no shutdown hook, no flush
                var beforeKill = List.copyOf(acknowledged);
                service.start();
                assertStoredOnce(beforeKill, "after kill " + kill);
                assertChainValid("after kill " + kill);
            }
            client.get();
            assertThat(acknowledged).hasSize(stream.size());
            assertStoredOnce(List.copyOf(acknowledged), "at the end");

            // Deadlines survive the crashes: each visit is marked missed, once.
            long deadline = System.currentTimeMillis() + 150_000;
            while (countOf("VisitMissed", "visitId") < VISITS && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            var events = storedEvents();
            for (int i = 0; i < VISITS; i++) {
                assertThat(events.getOrDefault("visit:crash-v-" + i + "|VisitMissed|visitId=crash-v-" + i, 0))
                        .as("visit " + i + " missed")
                        .isEqualTo(1);
            }
            assertChainValid("at the end");

            // The views caught up with the events after the restarts...
            deadline = System.currentTimeMillis() + 120_000;
            while (!allVisitsMissedInView() && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
            }
            assertThat(allVisitsMissedInView())
                    .as("every visit MISSED in its view; projections " + admin("/api/v1/admin/projections")
                            + ", dead letters " + admin("/api/v1/admin/dead-letters") + ", visits "
                            + visitStatuses())
                    .isTrue();
            var parked = Api.JSON.readTree(admin("/api/v1/admin/dead-letters"));
            parked.properties().forEach(group -> assertThat(group.getValue())
                    .as("events the crashes parked in " + group.getKey())
                    .isEmpty());
            assertThat(Api.JSON.readTree(get("/api/v1/providers/" + PROVIDER + "/workers")))
                    .hasSize(VISITS);
            // ...and each equals a rebuild of it from the events that survived the crashes.
            for (var view : VIEW_ANSWERS.entrySet()) {
                String before = answers(view.getValue());
                rebuild(view.getKey());
                assertThat(answers(view.getValue()))
                        .as(view.getKey() + " after a rebuild")
                        .isEqualTo(before);
            }
        } finally {
            service.stopForGood();
        }
    }

    /** Every command in the list has exactly one event of its kind in the store, read through the audit export. */
    private void assertStoredOnce(List<Command> commands, String when) {
        var events = storedEvents();
        var lost = new ArrayList<String>();
        for (var command : commands) {
            int stored =
                    events.getOrDefault(key(command.streamId(), command.type(), command.idField(), command.id()), 0);
            if (stored != 1) {
                lost.add(command.method() + " " + command.path() + " " + command.id() + " stored " + stored + "x");
            }
        }
        assertThat(lost)
                .as(when + ": acknowledged commands (of " + commands.size() + ") not stored exactly once")
                .isEmpty();
    }

    private void assertChainValid(String when) {
        var verification = Api.JSON.readTree(get("/api/v1/audit/verify"));
        assertThat(verification.path("valid").asBoolean())
                .as(when + ": " + verification)
                .isTrue();
    }

    private static String key(String streamId, String type, String idField, String id) {
        return streamId + "|" + type + "|" + idField + "=" + id;
    }

    /** How many times each (stream, event type, id) is stored, from the auditor's NDJSON export. */
    private Map<String, Integer> storedEvents() {
        var counts = new HashMap<String, Integer>();
        for (String line : get("/api/v1/audit/events", "application/x-ndjson").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            var event = Api.JSON.readTree(line);
            String type = event.path("type").asString();
            type = type.substring(type.lastIndexOf('.') + 1);
            var payload = event.path("payload");
            for (String idField : List.of("providerId", "packageId", "workerId", "visitId")) {
                if (payload.has(idField)) {
                    counts.merge(
                            key(
                                    event.path("streamId").asString(),
                                    type,
                                    idField,
                                    payload.path(idField).asString()),
                            1,
                            Integer::sum);
                }
            }
        }
        return counts;
    }

    private long countOf(String type, String idField) {
        return storedEvents().keySet().stream()
                .filter(key -> key.contains("|" + type + "|" + idField + "="))
                .count();
    }

    /**
     * Whether every visit's view says MISSED. A view still catching up after a restart (its segments are claimed once
     * the killed instance's claims time out) answers 404 for a visit it has not reached yet: not yet, not a failure.
     */
    private boolean allVisitsMissedInView() {
        return visitStatuses().values().stream().allMatch("MISSED"::equals);
    }

    /** Each visit's status in its view, or the HTTP status its read answered. */
    private Map<String, String> visitStatuses() {
        var statuses = new java.util.TreeMap<String, String>();
        for (int i = 0; i < VISITS; i++) {
            var response = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/visits/crash-v-" + i))
                    .header("Authorization", AUTH)
                    .header("Accept", "application/json"));
            statuses.put(
                    "crash-v-" + i,
                    response.statusCode() == 200
                            ? Api.JSON.readTree(response.body()).path("status").asString()
                            : "HTTP " + response.statusCode());
        }
        return statuses;
    }

    private String admin(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", ADMIN))
                .body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a dashboard reads from each projection, compared before and after rebuilding it. */
    private static final Map<String, List<String>> VIEW_ANSWERS = viewAnswers();

    private static Map<String, List<String>> viewAnswers() {
        var visits = new ArrayList<String>();
        for (int i = 0; i < VISITS; i++) {
            visits.add("/api/v1/visits/crash-v-" + i);
        }
        var today = LocalDate.now();
        return Map.of(
                "provider-views",
                List.of("/api/v1/providers/" + PROVIDER, "/api/v1/providers/" + PROVIDER + "/workers"),
                "package-views",
                List.of("/api/v1/packages/crash-pkg"),
                "visit-views",
                visits,
                "performance-views",
                List.of("/api/v1/providers/" + PROVIDER + "/performance?from=" + today.minusDays(2) + "&to="
                        + today.plusDays(1)));
    }

    private String answers(List<String> paths) {
        var text = new StringBuilder();
        for (String path : paths) {
            text.append(path).append(": ").append(get(path)).append('\n');
        }
        return text.toString();
    }

    private void rebuild(String view) throws Exception {
        var uri = URI.create(base() + "/api/v1/admin/projections/" + view + "/rebuild");
        var started = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", ADMIN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isBetween(200, 202);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            var progress = http.send(
                    HttpRequest.newBuilder(uri).header("Authorization", ADMIN).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (Api.JSON.readTree(progress.body()).path("state").asString().equals("LIVE")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(view + " did not finish rebuilding");
    }

    /** Sends until the service answers below 500, with the same Idempotency-Key on every retry. */
    private void send(Command command) {
        String body = Api.JSON.writeValueAsString(command.body());
        // One key per command (its method, path and body), the same on every retry of it.
        String key = "crash-" + Integer.toHexString((command.method() + command.path() + body).hashCode());
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(base() + command.path()))
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

    private String get(String path) {
        return get(path, "application/json");
    }

    private String get(String path, String accept) {
        var response = send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", AUTH)
                .header("Accept", accept));
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return response.body();
    }

    private String base() {
        return "http://localhost:" + service.port();
    }
}
