package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Rebuilding projections from the events: the same rows again, and never a half-built answer meanwhile. */
class RebuildApiTest extends AuditTestSupport {

    private static final Logger log = LoggerFactory.getLogger(RebuildApiTest.class);

    @Autowired
    DataSource dataSource;

    @Test
    @DisplayName("a rebuild of every projection gives identical rows to the live ones")
    void rebuildEveryProjection() {
        fullScenario();
        assertRebuildGivesLiveRows(names -> {
            for (String name : names) {
                var progress = rebuilt(name);
                log.info(
                        "Rebuilt {}: {} events in {} s ({} events/s)",
                        name,
                        progress.path("total").asLong(),
                        progress.path("seconds").asDouble(),
                        progress.path("eventsPerSecond").asLong());
                assertFinished(progress);
            }
        });
    }

    @Test
    @DisplayName("every projection rebuilt together from one read of the store gives identical rows to the live ones")
    void rebuildEveryProjectionTogether() {
        fullScenario();
        assertRebuildGivesLiveRows(names -> {
            try (var log = CapturedLog.open()) {
                rebuildTogether(names);
                assertThat(log.errorsAndStackTraces()).isEmpty();
                assertThat(jointReplayPositions(log.messages()))
                        .as("read by the joint replay to the head, not left to the processors")
                        .singleElement()
                        .satisfies(position -> assertThat(position).isGreaterThanOrEqualTo(storeHeadAtStart));
            }
        });
    }

    private long storeHeadAtStart;

    private void rebuildTogether(List<String> names) {
        storeHeadAtStart = storeHead();
        var started = admin().post("/api/v1/admin/projections/rebuild", Map.of());
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        var accepted = new ArrayList<String>();
        started.json().forEach(p -> accepted.add(p.path("name").asString()));
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(names);
        started.json()
                .forEach(p ->
                        assertThat(p.path("state").asString()).as(p.toString()).isEqualTo("REBUILDING"));
        for (String name : names) {
            assertFinished(awaitLive(name));
        }
    }

    /** The positions the joint replays said they read the store to, from the service's log. */
    static List<Long> jointReplayPositions(List<String> messages) {
        var read = java.util.regex.Pattern.compile("Joint rebuild read the store to (\\d+) ");
        return messages.stream()
                .map(read::matcher)
                .filter(java.util.regex.Matcher::find)
                .map(found -> Long.parseLong(found.group(1)))
                .toList();
    }

    @Test
    @DisplayName(
            "a joint rebuild names only projections that exist, resets nothing while one of them rebuilds, and is ADMIN's")
    void jointRebuildRefusals() throws Exception {
        var unknown = admin().post(
                        "/api/v1/admin/projections/rebuild?projection=visit-views&projection=webhook-outbox", Map.of());
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("/problems/unknown-projection");
        var badName = admin().post("/api/v1/admin/projections/rebuild?projection=Visit%20Views", Map.of());
        assertThat(badName.status()).as(badName.text()).isEqualTo(400);
        assertThat(badName.isProblem()).isTrue();
        for (String user : List.of("council", "auditor", "alpha")) {
            var refused = as(user).post("/api/v1/admin/projections/rebuild", Map.of());
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.isProblem()).as(user).isTrue();
        }

        fullScenario();
        String providerSince = admin().get("/api/v1/admin/projections/provider-views/rebuild")
                .json()
                .path("startedAt")
                .asString();
        // visit-views held in its reset (as above): its rebuild runs while a joint one for it is asked for
        Connection lock = dataSource.getConnection();
        try {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE visit_view IN SHARE MODE");
            var busy = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/v1/admin/projections/visit-views/rebuild", Map.of()));
            eventually(() -> assertThat(admin().get("/api/v1/admin/projections/visit-views/rebuild")
                            .json()
                            .path("state")
                            .asString())
                    .isEqualTo("REBUILDING"));
            var refused = admin().post(
                            "/api/v1/admin/projections/rebuild?projection=provider-views&projection=visit-views",
                            Map.of());
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);
            assertThat(refused.problemType()).isEqualTo("/problems/rebuild-in-progress");
            lock.rollback();
            assertThat(busy.get(60, java.util.concurrent.TimeUnit.SECONDS).status())
                    .isEqualTo(202);
        } finally {
            lock.rollback();
            lock.close();
        }
        // provider-views was not reset by the refused request
        assertThat(admin().get("/api/v1/admin/projections/provider-views/rebuild")
                        .json()
                        .path("startedAt")
                        .asString())
                .isEqualTo(providerSince);
        awaitLive("visit-views");
    }

    /** Rebuilds every projection with {@code rebuild} and compares every row with the rows before it. */
    private void assertRebuildGivesLiveRows(java.util.function.Consumer<List<String>> rebuild) {
        var names = new ArrayList<String>();
        admin().get("/api/v1/admin/projections")
                .json()
                .forEach(p -> names.add(p.path("name").asString()));
        assertThat(names).contains("provider-views", "package-views", "visit-views");

        for (int attempt = 1; ; attempt++) {
            names.forEach(this::awaitCaughtUp);
            long head = storeHead();
            var live = projectionRows();

            rebuild.accept(names);

            if (storeHead() != head && attempt < 8) {
                continue; // a deadline fired meanwhile (overdue, missed, escalation: other tests plan visits near now):
                // again
            }
            var rebuilt = projectionRows();
            assertThat(rebuilt.keySet()).containsAll(List.of("provider_view", "package_view", "visit_view"));
            assertThat(rebuilt).isEqualTo(live);
            return;
        }
    }

    private static void assertFinished(JsonNode progress) {
        assertThat(progress.path("position").asLong())
                .isGreaterThanOrEqualTo(progress.path("total").asLong());
        assertThat(progress.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(progress.has("finishedAt")).isTrue();
    }

    @Test
    @DisplayName("while a projection rebuilds its API answers 503 with Retry-After; asOf and other projections answer")
    void unavailableWhileRebuilding() throws Exception {
        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(60), 60);
        String path = "/api/v1/visits/" + visitId;
        eventually(() -> assertThat(alpha().get(path).status()).isEqualTo(200));
        var before = alpha().get(path).json();
        CompletableFuture<Api.Response> started;

        // Hold the replay at its first write: the reset cannot clear visit_view while this lock is held.
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("LOCK TABLE visit_view IN SHARE MODE");
            started = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/v1/admin/projections/visit-views/rebuild", Map.of()));

            eventually(() -> assertThat(rawGet("alpha", path).statusCode()).isEqualTo(503));
            var unavailable = rawGet("alpha", path);
            assertThat(unavailable.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(
                            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
            assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Api.JSON.readTree(unavailable.body()).path("type").asString())
                    .isEqualTo("/problems/projection-rebuilding");
            assertThat(rawGet("alpha", "/api/v1/visits?providerId=" + ALPHA).statusCode())
                    .isEqualTo(503);
            assertThat(alpha().get(path + "?asOf=" + Instant.now()).json())
                    .as("answered from the events meanwhile")
                    .isEqualTo(before);
            assertThat(alpha().get("/api/v1/packages/" + roster.packageId()).status())
                    .as("another projection is not affected")
                    .isEqualTo(200);
            var progress = admin().get("/api/v1/admin/projections/visit-views/rebuild");
            assertThat(progress.json().path("state").asString()).isEqualTo("REBUILDING");
            var notReady = as(null).get("/actuator/health/readiness");
            assertThat(notReady.status())
                    .as("out of the load balancer while a projection rebuilds")
                    .isEqualTo(503);
            assertThat(notReady.json().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(admin().get("/actuator/health/projections")
                            .json()
                            .path("details")
                            .path("rebuilding")
                            .toString())
                    .contains("\"visit-views\"");
            var again = admin().post("/api/v1/admin/projections/visit-views/rebuild", Map.of());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.problemType()).isEqualTo("/problems/rebuild-in-progress");
            lock.rollback();
        }

        assertThat(started.get().status()).as(started.get().text()).isEqualTo(202);
        JsonNode done = awaitLive("visit-views");
        assertThat(done.path("eventsPerSecond").asLong()).isPositive();
        assertThat(alpha().get(path).json()).isEqualTo(before);
        eventually(() -> assertThat(as(null).get("/actuator/health/readiness").status())
                .as("ready again once the rebuild has caught up")
                .isEqualTo(200));
    }

    @Test
    @DisplayName("only an admin rebuilds, and only a projection that exists")
    void onlyAdmins() {
        for (String user : List.of("auditor", "council", "alpha")) {
            assertThat(as(user).post("/api/v1/admin/projections/visit-views/rebuild", Map.of())
                            .status())
                    .as(user)
                    .isEqualTo(403);
            assertThat(as(user).get("/api/v1/admin/projections/visit-views/rebuild")
                            .status())
                    .as(user)
                    .isEqualTo(403);
        }
        for (String unknown : List.of("nothing-here", "command-lookups", "event-chain", "webhook-outbox")) {
            var response = admin().post("/api/v1/admin/projections/" + unknown + "/rebuild", Map.of());
            assertThat(response.status()).as(unknown).isEqualTo(404);
            assertThat(response.problemType()).isEqualTo("/problems/unknown-projection");
        }
    }

    private void awaitCaughtUp(String projection) {
        eventually(() -> {
            var progress = admin().get("/api/v1/admin/projections/" + projection + "/rebuild")
                    .json();
            assertThat(progress.path("state").asString()).isEqualTo("LIVE");
            assertThat(progress.path("position").asLong()).isGreaterThanOrEqualTo(storeHead());
        });
    }
}
