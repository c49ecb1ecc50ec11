package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Views as of a past instant, folded from the aggregate's events, and equal to the live views at "now". */
class AsOfApiTest extends AuditTestSupport {

    @Test
    @DisplayName("a visit as of before, between and after its later changes")
    void visitAsOf() throws InterruptedException {
        var roster = alphaRoster();
        var start = minutesFromNow(-30);
        Instant beforeScheduled = mark();
        String visitId = scheduled(roster, start, 60);
        Instant scheduledOnly = mark();
        ok(alpha().post(
                        "/api/v1/visits/" + visitId + "/check-in",
                        Map.of("at", start.toString(), "method", "APP_GPS")));
        Instant checkedIn = mark();
        ok(alpha().post(
                        "/api/v1/visits/" + visitId + "/check-out",
                        Map.of(
                                "at",
                                start.plusSeconds(45 * 60).toString(),
                                "method",
                                "APP_GPS",
                                "endedEarlyAtClientRequest",
                                false)));
        Instant delivered = mark();
        String path = "/api/v1/visits/" + visitId;

        assertThat(alpha().get(path + "?asOf=" + beforeScheduled).status()).isEqualTo(404);
        var asScheduled = alpha().get(path + "?asOf=" + scheduledOnly).json();
        assertThat(asScheduled.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(asScheduled.has("checkedInAt")).isFalse();
        var asCheckedIn = alpha().get(path + "?asOf=" + checkedIn).json();
        assertThat(asCheckedIn.path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(asCheckedIn.path("checkedInAt").asString()).isEqualTo(start.toString());
        assertThat(asCheckedIn.has("deliveredMinutes")).isFalse();
        var asDelivered = alpha().get(path + "?asOf=" + delivered).json();
        assertThat(asDelivered.path("status").asString()).isEqualTo("DELIVERED");
        assertThat(asDelivered.path("billableMinutes").asInt()).isEqualTo(45);
        eventually(() -> assertThat(alpha().get(path).json()).isEqualTo(asDelivered));
        assertThat(beta().get(path + "?asOf=" + delivered).status())
                .as("another provider learns nothing, as of any time")
                .isEqualTo(404);
    }

    @Test
    @DisplayName("a package as of before and after it was accepted, with its offers")
    void packageAsOf() throws InterruptedException {
        admitted(ALPHA);
        String packageId = unique("pkg");
        var commission = new LinkedHashMap<String, Object>();
        commission.put("packageId", packageId);
        commission.put("clientRef", unique("C"));
        commission.put("zone", "north");
        commission.put("weeklyMinutes", 300);
        commission.put("hourlyRatePence", 2200);
        commission.put("timeBanking", false);
        commission.put("startsOn", "2026-01-01");
        ok(council().post("/api/v1/packages", commission));
        ok(council().post("/api/v1/packages/" + packageId + "/offers", Map.of("providerId", ALPHA)));
        Instant offered = mark();
        ok(alpha().post("/api/v1/packages/" + packageId + "/acceptance", Map.of("providerId", ALPHA)));
        Instant accepted = mark();
        String path = "/api/v1/packages/" + packageId;

        var asOffered = council().get(path + "?asOf=" + offered).json();
        assertThat(asOffered.path("status").asString()).isEqualTo("OFFERED");
        assertThat(asOffered.has("providerId")).isFalse();
        assertThat(asOffered.path("offers").get(0).path("outcome").asString()).isEqualTo("PENDING");
        var asAccepted = council().get(path + "?asOf=" + accepted).json();
        assertThat(asAccepted.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(asAccepted.path("providerId").asString()).isEqualTo(ALPHA);
        assertThat(asAccepted.path("offers").get(0).path("outcome").asString()).isEqualTo("ACCEPTED");
        eventually(() -> assertThat(council().get(path).json()).isEqualTo(asAccepted));
        assertThat(alpha().get(path + "?asOf=" + offered).status()).isEqualTo(200);
        assertThat(beta().get(path + "?asOf=" + accepted).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a provider as of before and after new ratings suspended it")
    void providerAsOf() throws InterruptedException {
        String providerId = unique("p");
        ok(council().post("/api/v1/providers", admission(providerId, cqc("GOOD", "GOOD"))));
        Instant admitted = mark();
        ok(council().post("/api/v1/providers/" + providerId + "/cqc-ratings", cqc("REQUIRES_IMPROVEMENT", "GOOD")));
        Instant suspended = mark();
        String path = "/api/v1/providers/" + providerId;

        var before = council().get(path + "?asOf=" + admitted).json();
        assertThat(before.path("status").asString()).isEqualTo("ADMITTED");
        assertThat(before.path("cqc").path("overall").asString()).isEqualTo("GOOD");
        var after = council().get(path + "?asOf=" + suspended).json();
        assertThat(after.path("status").asString()).isEqualTo("SUSPENDED");
        assertThat(after.path("cqc").path("overall").asString()).isEqualTo("REQUIRES_IMPROVEMENT");
        assertThat(Instant.parse(after.path("statusChangedAt").asString())).isBetween(admitted, suspended);
        eventually(() -> assertThat(council().get(path).json()).isEqualTo(after));
        assertThat(alpha().get(path + "?asOf=" + suspended).status()).isEqualTo(404);
        assertThat(council().get(path + "?asOf=not-an-instant").status()).isEqualTo(400);
    }

    @Test
    @DisplayName("as of now, every visit, package and provider in the store equals its live view")
    void asOfNowEqualsLive() throws Exception {
        fullScenario();
        // Every stream has its row...
        eventually(() -> {
            assertThat(missing("visit:", "SELECT visit_id FROM visit_view")).isEmpty();
            assertThat(missing("package:", "SELECT package_id FROM package_view"))
                    .isEmpty();
            assertThat(missing("provider:", "SELECT provider_id FROM provider_view"))
                    .isEmpty();
        });
        // ...and the fold agrees with the projection on every field of every row.
        var visits = new ArrayList<JsonNode>();
        for (int page = 0;
                visits.size()
                        < council()
                                .get("/api/v1/visits?size=1")
                                .json()
                                .path("total")
                                .asLong();
                page++) {
            council()
                    .get("/api/v1/visits?size=500&page=" + page)
                    .json()
                    .path("items")
                    .forEach(visits::add);
        }
        compareAll("/api/v1/visits/", "visitId", visits);
        compareAll(
                "/api/v1/packages/",
                "packageId",
                list(council().get("/api/v1/packages").json()));
        compareAll(
                "/api/v1/providers/",
                "providerId",
                list(council().get("/api/v1/providers").json()));
    }

    /** Streams of a kind without a row in the view, with their event types, to say what went missing. */
    private Map<String, List<String>> missing(String kind, String viewIds) {
        var rows = new HashSet<>(jdbc.sql(viewIds).query(String.class).list());
        var missing = new TreeMap<String, List<String>>();
        jdbc
                .sql("SELECT DISTINCT aggregateidentifier FROM domainevententry WHERE aggregateidentifier LIKE ?")
                .param(kind + "%")
                .query(String.class)
                .list()
                .stream()
                .filter(stream -> !rows.contains(stream.substring(kind.length())))
                .forEach(stream -> missing.put(stream, eventTypes(stream)));
        return missing;
    }

    /**
     * Asks for each live row as of now, several at a time (every request pays for HTTP Basic's password check). A row
     * that differs is asked again until the projection has caught up with the latest event.
     */
    private void compareAll(String path, String idField, List<JsonNode> liveRows) throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            var checks = new ArrayList<Callable<Void>>();
            for (JsonNode live : liveRows) {
                String id = live.path(idField).asString();
                checks.add(() -> {
                    var folded = council().get(path + id + "?asOf=" + Instant.now());
                    assertThat(folded.status()).as(path + id).isEqualTo(200);
                    if (!folded.json().equals(live)) {
                        eventually(() -> assertThat(council()
                                        .get(path + id + "?asOf=" + Instant.now())
                                        .json())
                                .as(path + id)
                                .isEqualTo(council().get(path + id).json()));
                    }
                    return null;
                });
            }
            for (var done : pool.invokeAll(checks)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(liveRows).isNotEmpty();
    }

    private static List<JsonNode> list(JsonNode array) {
        var list = new ArrayList<JsonNode>();
        array.forEach(list::add);
        return list;
    }
}
