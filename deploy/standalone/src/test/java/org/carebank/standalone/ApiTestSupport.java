package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * End-to-end tests: the whole standalone service on a real HTTP port and a real PostgreSQL. All test classes share
 * one context and one database, so every test makes its own ids.
 */
@SpringBootTest(classes = CarebankApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class ApiTestSupport {

    static final String ALPHA = "alpha-care";
    static final String BETA = "beta-care";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl("carebank"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api council() {
        return new Api(port, "council");
    }

    Api alpha() {
        return new Api(port, "alpha");
    }

    Api beta() {
        return new Api(port, "beta");
    }

    Api as(String user) {
        return new Api(port, user);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Instant minutesFromNow(long minutes) {
        return Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(minutes));
    }

    /** Waits until the projection answers again after a rebuild (LIVE, as ADMIN sees it); returns its progress. */
    tools.jackson.databind.JsonNode awaitLive(String projection) {
        tools.jackson.databind.JsonNode[] progress = new tools.jackson.databind.JsonNode[1];
        eventually(() -> {
            progress[0] = as("admin")
                    .get("/api/v1/admin/projections/" + projection + "/rebuild")
                    .json();
            assertThat(progress[0].path("state").asString()).as(projection).isEqualTo("LIVE");
        });
        return progress[0];
    }

    static void eventually(ThrowingRunnable assertion) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(assertion);
    }

    // ---- the store itself, read directly: what was recorded, with which metadata ----
    // Streams are named <kind>:<id> (see StreamIds), so a caller's id never reaches another aggregate's stream.

    long eventCount() {
        return jdbc.sql("SELECT COUNT(*) FROM domainevententry")
                .query(Long.class)
                .single();
    }

    List<String> eventTypes(String streamId) {
        return jdbc
                .sql("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
                .param(streamId)
                .query(String.class)
                .list()
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    List<Map<String, Object>> eventMetaData(String streamId) {
        return jdbc
                .sql("SELECT metadata FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber")
                .param(streamId)
                .query((rs, n) -> Api.JSON.readValue(rs.getBytes(1), Map.class))
                .list()
                .stream()
                .map(m -> (Map<String, Object>) m)
                .toList();
    }

    // ---- a small council: providers, workers, packages, visits through the public API ----

    static Map<String, Object> cqc(String overall, String wellLed) {
        var cqc = new LinkedHashMap<String, Object>();
        cqc.put("overall", overall);
        cqc.put("safe", "GOOD");
        cqc.put("effective", "GOOD");
        cqc.put("caring", "GOOD");
        cqc.put("responsive", "GOOD");
        cqc.put("wellLed", wellLed);
        cqc.put("inspectedOn", "2026-03-01");
        return cqc;
    }

    static Map<String, Object> admission(String providerId, Map<String, Object> cqc) {
        return Map.of(
                "providerId", providerId, "name", "Provider " + providerId, "zones", List.of("north"), "cqc", cqc);
    }

    /** Admits the provider (a repeat is harmless) and returns the id. */
    String admitted(String providerId) {
        var response = council().post("/api/v1/providers", admission(providerId, cqc("GOOD", "GOOD")));
        assertThat(response.status()).as(response.text()).isIn(200, 201);
        return providerId;
    }

    static String worker(Api asProvider, String providerId) {
        String workerId = unique("w");
        var response = asProvider.post(
                "/api/v1/providers/" + providerId + "/workers",
                Map.of(
                        "workerId",
                        workerId,
                        "contractType",
                        "ZERO_HOURS",
                        "travelMode",
                        "CAR",
                        "hourlyPayPence",
                        1300));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return workerId;
    }

    /** A package with time banking commissioned, offered to the provider and accepted by it. */
    String activePackage(Api asProvider, String providerId) {
        return activePackage(council(), asProvider, providerId, unique("C"), true);
    }

    /** The same for a service of its own ({@link RunningService}), with the client and time banking chosen. */
    static String activePackage(Api council, Api asProvider, String providerId, String clientRef, boolean timeBanking) {
        String packageId = unique("pkg");
        var commission = new LinkedHashMap<String, Object>();
        commission.put("packageId", packageId);
        commission.put("clientRef", clientRef);
        commission.put("zone", "north");
        commission.put("weeklyMinutes", 420);
        commission.put("hourlyRatePence", 2400);
        commission.put("timeBanking", timeBanking);
        commission.put("startsOn", "2026-01-01");
        assertThat(council.post("/api/v1/packages", commission).status()).isEqualTo(201);
        assertThat(council.post("/api/v1/packages/" + packageId + "/offers", Map.of("providerId", providerId))
                        .status())
                .isEqualTo(200);
        var accepted =
                asProvider.post("/api/v1/packages/" + packageId + "/acceptance", Map.of("providerId", providerId));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        return packageId;
    }

    /** The client a package was commissioned for, from the command-side lookup. */
    String clientOf(String packageId) {
        return jdbc.sql("SELECT client_ref FROM package_lookup WHERE package_id = ?")
                .param(packageId)
                .query(String.class)
                .single();
    }

    static Map<String, Object> visit(String packageId, String workerId, Instant plannedStart, int plannedMinutes) {
        var body = new LinkedHashMap<String, Object>();
        body.put("packageId", packageId);
        body.put("workerId", workerId);
        body.put("plannedStart", plannedStart.toString());
        body.put("plannedMinutes", plannedMinutes);
        body.put("timeCritical", false);
        return body;
    }

    /** Alpha's roster for one test: its own worker and an active package. */
    record Roster(String providerId, String workerId, String packageId) {}

    Roster alphaRoster() {
        admitted(ALPHA);
        return new Roster(ALPHA, worker(alpha(), ALPHA), activePackage(alpha(), ALPHA));
    }

    /**
     * A 60-minute visit planned {@code minutesAgo}, checked in on time and out after {@code deliveredMinutes}, by
     * {@code as} (the roster's provider or the council); ended early at the client's request when so said.
     */
    String delivered(Api as, Roster roster, long minutesAgo, int deliveredMinutes, boolean endedEarly) {
        var start = minutesFromNow(-minutesAgo);
        String visitId = unique("v");
        var scheduled = as.put("/api/v1/visits/" + visitId, visit(roster.packageId(), roster.workerId(), start, 60));
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(201);
        var checkIn =
                as.post("/api/v1/visits/" + visitId + "/check-in", Map.of("at", start.toString(), "method", "APP_GPS"));
        assertThat(checkIn.status()).as(checkIn.text()).isEqualTo(200);
        var checkOut = as.post(
                "/api/v1/visits/" + visitId + "/check-out",
                Map.of(
                        "at",
                        start.plusSeconds(deliveredMinutes * 60L).toString(),
                        "method",
                        "APP_GPS",
                        "endedEarlyAtClientRequest",
                        endedEarly));
        assertThat(checkOut.status()).as(checkOut.text()).isEqualTo(200);
        return visitId;
    }

    String scheduled(Roster roster, Instant plannedStart, int plannedMinutes) {
        String visitId = unique("v");
        var response = alpha().put(
                        "/api/v1/visits/" + visitId,
                        visit(roster.packageId(), roster.workerId(), plannedStart, plannedMinutes));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return visitId;
    }
}
