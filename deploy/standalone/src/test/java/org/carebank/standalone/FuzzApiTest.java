package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand malformed or hostile requests across every command endpoint: wrong types, huge and negative numbers,
 * unicode and overlong ids, injection strings, deep JSON, broken JSON, wrong content types. None may cause a 5xx;
 * every refusal is problem+json; and the store holds exactly the events of the commands that were accepted.
 */
class FuzzApiTest extends ApiTestSupport {

    private static final int REQUESTS = 10_000;
    private static final long SEED = 20261123L;

    private static final List<Object> HOSTILE_VALUES = List.of(
            -1,
            0,
            Integer.MAX_VALUE,
            Long.MIN_VALUE,
            1e308,
            "9".repeat(400),
            "",
            " ",
            "x".repeat(70),
            "é\u0000\uD83D\uDE00",
            "' OR 1=1 --",
            "'; DROP TABLE domainevententry; --",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/a}",
            "../../etc/passwd",
            true,
            List.of(1, 2),
            Map.of("nested", Map.of("deeper", 1)),
            "2026-13-45T99:99:99Z",
            "MANUAL",
            "GOOD");

    private static final List<String> HOSTILE_IDS = List.of(
            "%27%20OR%201%3D1", "x".repeat(65), "%C3%A9t%C3%A9", "a%2Fb", "..", "%00", "id%20with%20space", "-");

    record Template(String method, String path, Map<String, Object> body) {}

    private List<Template> templates(Roster roster, String visitId, String clientRef) {
        var start = minutesFromNow(3 * 24 * 60).toString();
        return List.of(
                new Template("POST", "/api/v1/providers", new LinkedHashMap<>(admission("fz-p", cqc("GOOD", "GOOD")))),
                new Template(
                        "POST",
                        "/api/v1/providers/" + roster.providerId() + "/cqc-ratings",
                        new LinkedHashMap<>(cqc("GOOD", "GOOD"))),
                new Template(
                        "POST",
                        "/api/v1/providers/" + roster.providerId() + "/workers",
                        map(
                                "workerId",
                                "fz-w",
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "CAR",
                                "hourlyPayPence",
                                1300)),
                new Template(
                        "POST",
                        "/api/v1/packages",
                        map(
                                "packageId",
                                "fz-pkg",
                                "clientRef",
                                "C-fz",
                                "zone",
                                "north",
                                "weeklyMinutes",
                                60,
                                "hourlyRatePence",
                                2000,
                                "timeBanking",
                                true,
                                "startsOn",
                                "2026-01-01")),
                new Template("POST", "/api/v1/packages/" + roster.packageId() + "/offers", map("providerId", BETA)),
                new Template(
                        "POST",
                        "/api/v1/packages/" + roster.packageId() + "/declines",
                        map("providerId", BETA, "reason", "NO_CAPACITY")),
                new Template(
                        "POST",
                        "/api/v1/packages/" + roster.packageId() + "/hand-back",
                        map("reason", "x", "effectiveOn", "2026-12-01")),
                new Template(
                        "PUT",
                        "/api/v1/visits/fz-v",
                        new LinkedHashMap<>(
                                visit(roster.packageId(), roster.workerId(), minutesFromNow(4 * 24 * 60), 60))),
                new Template(
                        "POST",
                        "/api/v1/rosters",
                        map(
                                "visits",
                                List.of(visit(
                                        roster.packageId(), roster.workerId(), minutesFromNow(5 * 24 * 60), 60)))),
                new Template(
                        "POST",
                        "/api/v1/visits/" + visitId + "/reschedule",
                        map("plannedStart", start, "plannedMinutes", 60)),
                new Template("POST", "/api/v1/visits/" + visitId + "/reassignment", map("workerId", roster.workerId())),
                new Template(
                        "POST",
                        "/api/v1/visits/" + visitId + "/cancellation",
                        map("initiatedBy", "CLIENT", "reason", "x")),
                new Template("POST", "/api/v1/visits/" + visitId + "/check-in", map("at", start, "method", "APP_GPS")),
                new Template(
                        "POST",
                        "/api/v1/visits/" + visitId + "/check-out",
                        map("at", start, "method", "APP_GPS", "endedEarlyAtClientRequest", false)),
                new Template(
                        "POST",
                        "/api/v1/visits/" + visitId + "/delivery",
                        map(
                                "startedAt",
                                start,
                                "deliveredMinutes",
                                30,
                                "endedEarlyAtClientRequest",
                                false,
                                "reason",
                                "x")),
                new Template(
                        "POST",
                        "/api/v1/clients/" + clientRef + "/time-bank/deposits",
                        map("visitId", visitId, "minutes", 10, "consentBy", "client")),
                new Template(
                        "POST",
                        "/api/v1/clients/" + clientRef + "/time-bank/withdrawals",
                        map("withdrawalId", "fz-wd", "minutes", 10, "purpose", "x")),
                new Template(
                        "POST",
                        "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                        map("adjustmentId", "fz-adj", "minutes", 10, "reason", "x")));
    }

    private static LinkedHashMap<String, Object> map(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    record Request(String method, String path, String contentType, String body) {

        String describe() {
            return method + " " + path + " " + body.substring(0, Math.min(200, body.length()));
        }
    }

    private static Request hostile(Template template, Random random) {
        String path = template.path();
        String contentType = "application/json";
        String body;
        int kind = random.nextInt(10);
        if (kind == 0) {
            body = "{\"broken\": [1, 2" + "}".repeat(random.nextInt(3));
        } else if (kind == 1) {
            body = "[".repeat(2000 + random.nextInt(3000)) + "]".repeat(10);
        } else if (kind == 2) {
            contentType = List.of(
                            "text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded")
                    .get(random.nextInt(4));
            body = Api.JSON.writeValueAsString(template.body());
        } else if (kind == 3) {
            String id = HOSTILE_IDS.get(random.nextInt(HOSTILE_IDS.size()));
            path = path.replaceFirst("/(fz-[^/]+|pkg-[^/]+|v-[^/]+|C-[^/]+)(/|$)", "/" + id + "$2");
            body = Api.JSON.writeValueAsString(template.body());
        } else {
            var mutated = new LinkedHashMap<>(template.body());
            var keys = new ArrayList<>(mutated.keySet());
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                String key = keys.get(random.nextInt(keys.size()));
                Object value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
                switch (random.nextInt(4)) {
                    case 0 -> mutated.remove(key);
                    case 1 -> mutated.put(key, null);
                    case 2 -> mutated.put("unexpected" + random.nextInt(5), value);
                    default -> mutated.put(key, value);
                }
            }
            body = Api.JSON.writeValueAsString(mutated);
        }
        return new Request(template.method(), path, contentType, body);
    }

    @Test
    @DisplayName("10,000 hostile requests: no 5xx, every refusal problem+json, only accepted commands stored")
    void hostileRequests() throws Exception {
        // A provider of its own: the fuzzer records ratings and workers, and other tests share the database.
        String providerId = admitted(unique("fz"));
        var roster = new Roster(providerId, worker(council(), providerId), activePackage(council(), providerId));
        String visitId = unique("v");
        assertThat(council()
                        .put(
                                "/api/v1/visits/" + visitId,
                                visit(roster.packageId(), roster.workerId(), minutesFromNow(2 * 24 * 60), 60))
                        .status())
                .isEqualTo(201);
        String clientRef = clientOf(roster.packageId());
        var templates = templates(roster, visitId, clientRef);
        var fuzzer = as("fuzzer");
        var random = new Random(SEED);
        var requests = new ArrayList<Request>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(hostile(templates.get(random.nextInt(templates.size())), random));
        }
        long eventsBefore = eventsBy("fuzzer");
        var expectedEvents = new AtomicLong();
        var failures = new ConcurrentLinkedQueue<String>();

        // Generated up front from one seed, sent from a few threads: the same requests every run, in less time.
        var pool = Executors.newFixedThreadPool(4);
        try {
            var sent = requests.stream()
                    .map(request -> pool.submit(() -> {
                        var response = request.method().equals("PUT")
                                ? fuzzer.putRaw(request.path(), request.contentType(), request.body())
                                : fuzzer.postRaw(request.path(), request.contentType(), request.body());
                        int status = response.status();
                        if (status >= 500) {
                            failures.add(status + " " + request.describe());
                        } else if (status >= 400 && !response.isProblem()) {
                            failures.add("not problem+json: " + status + " " + response.contentType() + " "
                                    + request.describe());
                        } else if (status < 300) {
                            expectedEvents.addAndGet(eventsOf(request.path(), response));
                        }
                    }))
                    .toList();
            for (var future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(failures).as("requests that broke a rule of the API").isEmpty();
        assertThat(eventsBy("fuzzer") - eventsBefore)
                .as("events of accepted commands, and nothing else")
                .isEqualTo(expectedEvents.get());
    }

    /**
     * Events a successful answer stands for: none for a repeat, two for a check-out (checked out and delivered). The
     * hostile values never make a valid past instant or a rating below GOOD, so nothing else adds a second event.
     */
    private static long eventsOf(String path, Api.Response response) {
        var json = response.json();
        if (path.equals("/api/v1/rosters")) {
            return json.path("created").asLong();
        }
        if (!"RECORDED".equals(json.path("outcome").asString())) {
            return 0;
        }
        if (path.endsWith("/check-out")) {
            return 2;
        }
        return 1;
    }

    private long eventsBy(String principal) {
        return jdbc.sql("SELECT COUNT(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8') LIKE ?")
                .param("%\"principal\":\"" + principal + "\"%")
                .query(Long.class)
                .single();
    }
}
