package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One care worker's Tuesday, 2 March 2027 (GMT), through the public API, for a provider and a zone of its own:
 * the realistic day of the travel projection test (six visits, one reassigned, one cancelled), so the dashboards'
 * answers can be checked against the same hand-computed figures end to end.
 *
 * <pre>
 * ann (walks, zero hours, 1250 p/h): v1 08:00 30' | v2 08:45 45' roster 15 | v3 09:45 30' roster 20 | v4 10:30 60'
 *   roster 15 (reassigned to bob) | v5 12:00 30' roster 10 (cancelled by the client) | v6 12:45 30' roster 18
 * bob (drives, guaranteed hours, 1400 p/h): b1 09:30 45', then v4
 * delivered: v1 08:02-08:32, v2 08:50-09:35, v3 09:43-10:13, b1 09:31-10:16, v4 10:20-11:20, v6 12:50-13:18
 * </pre>
 */
final class DashboardScenario {

    static final String DATE = "2027-03-02";
    static final String WEEK = "2027-W09";
    static final String MONTH = "2027-03";

    final String providerId;
    final String zone;
    final String ann;
    final String bob;
    final String packageId;
    final Map<String, String> visits = new LinkedHashMap<>();

    private final Api council;

    private DashboardScenario(Api council) {
        this.council = council;
        this.providerId = ApiTestSupport.unique("dash");
        this.zone = ApiTestSupport.unique("zone");
        this.ann = ApiTestSupport.unique("ann");
        this.bob = ApiTestSupport.unique("bob");
        this.packageId = ApiTestSupport.unique("pkg");
    }

    static DashboardScenario happen(ApiTestSupport support) {
        return happen(support.council());
    }

    /** The same day on a service of its own ({@link RunningService}), through its council user. */
    static DashboardScenario happen(Api council) {
        var scenario = new DashboardScenario(council);
        scenario.setUp();
        scenario.theDay();
        return scenario;
    }

    private void setUp() {
        var admission = Map.of(
                "providerId",
                providerId,
                "name",
                "Provider, \"" + providerId + "\"",
                "zones",
                List.of(zone),
                "cqc",
                ApiTestSupport.cqc("GOOD", "GOOD"));
        ok(council.post("/api/v1/providers", admission), 201);
        registerWorker(ann, "ZERO_HOURS", "WALK", 1250);
        registerWorker(bob, "GUARANTEED_HOURS", "CAR", 1400);
        var commission = new LinkedHashMap<String, Object>();
        commission.put("packageId", packageId);
        commission.put("clientRef", ApiTestSupport.unique("C"));
        commission.put("zone", zone);
        commission.put("weeklyMinutes", 420);
        commission.put("hourlyRatePence", 2400);
        commission.put("timeBanking", false);
        commission.put("startsOn", "2027-03-01");
        ok(council.post("/api/v1/packages", commission), 201);
        ok(council.post("/api/v1/packages/" + packageId + "/offers", Map.of("providerId", providerId)), 200);
        ok(council.post("/api/v1/packages/" + packageId + "/acceptance", Map.of("providerId", providerId)), 200);
    }

    private void registerWorker(String workerId, String contract, String mode, int pay) {
        ok(
                council.post(
                        "/api/v1/providers/" + providerId + "/workers",
                        Map.of(
                                "workerId",
                                workerId,
                                "contractType",
                                contract,
                                "travelMode",
                                mode,
                                "hourlyPayPence",
                                pay)),
                201);
    }

    private void theDay() {
        schedule("v1", ann, "08:00", 30, 51.500, null);
        schedule("v2", ann, "08:45", 45, 51.510, 15);
        schedule("v3", ann, "09:45", 30, 51.515, 20);
        schedule("v4", ann, "10:30", 60, 51.525, 15);
        schedule("v5", ann, "12:00", 30, 51.530, 10);
        schedule("v6", ann, "12:45", 30, 51.540, 18);
        schedule("b1", bob, "09:30", 45, 51.520, null);
        deliver("v1", "08:02", "08:32");
        deliver("v2", "08:50", "09:35");
        ok(council.post("/api/v1/visits/" + visits.get("v4") + "/reassignment", Map.of("workerId", bob)), 200);
        deliver("v3", "09:43", "10:13");
        ok(
                council.post(
                        "/api/v1/visits/" + visits.get("v5") + "/cancellation",
                        Map.of("initiatedBy", "CLIENT", "reason", "in hospital")),
                200);
        deliver("b1", "09:31", "10:16");
        deliver("v4", "10:20", "11:20");
        deliver("v6", "12:50", "13:18");
    }

    private void schedule(String name, String worker, String time, int minutes, double lat, Integer travel) {
        String visitId = ApiTestSupport.unique(name);
        visits.put(name, visitId);
        var body = ApiTestSupport.visit(packageId, worker, at(time), minutes);
        body.put("location", Map.of("lat", lat, "lon", -0.1));
        if (travel != null) {
            body.put("plannedTravelMinutes", travel);
        }
        ok(council.put("/api/v1/visits/" + visitId, body), 201);
    }

    private void deliver(String name, String in, String out) {
        String visitId = visits.get(name);
        ok(
                council.post(
                        "/api/v1/visits/" + visitId + "/check-in",
                        Map.of("at", at(in).toString(), "method", "APP_GPS")),
                200);
        ok(
                council.post(
                        "/api/v1/visits/" + visitId + "/check-out",
                        Map.of("at", at(out).toString(), "method", "APP_GPS", "endedEarlyAtClientRequest", false)),
                200);
    }

    private static java.time.Instant at(String time) {
        return java.time.Instant.parse(DATE + "T" + time + ":00Z");
    }

    private static void ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
    }

    /** Every dashboard answer about this scenario, JSON and CSV, by path. */
    Map<String, String> answers(Api api) {
        var answers = new LinkedHashMap<String, String>();
        for (String path : paths()) {
            answers.put(path, api.get(path).text());
            answers.put(path + " (csv)", api.get(path, "text/csv").text());
        }
        return answers;
    }

    List<String> paths() {
        String period = "?from=2027-03-01&to=2027-03-31";
        return List.of(
                "/api/v1/travel/workers/" + ann + "?date=" + DATE,
                "/api/v1/travel/workers/" + bob + "?date=" + DATE,
                "/api/v1/travel/providers/" + providerId + "?week=" + WEEK,
                "/api/v1/travel/zones/" + zone + "?week=" + WEEK,
                "/api/v1/providers/" + providerId + "/performance" + period,
                "/api/v1/providers/" + providerId + "/charter" + period,
                "/api/v1/providers/" + providerId + "/pay-compliance?month=" + MONTH);
    }
}
