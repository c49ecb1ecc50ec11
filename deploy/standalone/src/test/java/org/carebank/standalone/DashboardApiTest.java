package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards over HTTP, JSON and CSV, for the day of {@link DashboardScenario}: the figures are those worked out
 * by hand in the query side's projection tests (WorkerDayTravelTest), reached here through the real API.
 */
class DashboardApiTest extends ApiTestSupport {

    /** The day happens once for all the tests of this class: they only read it. */
    private static DashboardScenario day;

    @BeforeEach
    void theDay() {
        if (day != null) {
            return;
        }
        day = DashboardScenario.happen(this);
        eventually(() -> {
            assertThat(council().get(travelDay(day.ann)).json().path("visits").asInt())
                    .isEqualTo(4);
            assertThat(council().get(travelDay(day.bob)).json().path("visits").asInt())
                    .isEqualTo(2);
            assertThat(council()
                            .get(performance())
                            .json()
                            .path("visitsDelivered")
                            .asInt())
                    .isEqualTo(6);
        });
    }

    private static String travelDay(String worker) {
        return "/api/v1/travel/workers/" + worker + "?date=" + DashboardScenario.DATE;
    }

    private String performance() {
        return "/api/v1/providers/" + day.providerId + "/performance?from=2027-03-01&to=2027-03-31";
    }

    private static List<String> lines(Api.Response csv) {
        assertThat(csv.status()).as(csv.text()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).endsWith("\r\n");
        return List.of(csv.text().split("\r\n"));
    }

    @Test
    @DisplayName("a worker's day: figures and legs in JSON, one CSV line per leg")
    void workerDay() {
        JsonNode ann = council().get(travelDay(day.ann)).json();
        // 4 visits, 30+45+30+28 = 133 min; planned 15+20+45 = 80; actual 18+8+157 = 183 = travel 15+8+45 = 68 and
        // waiting 3+0+112 = 115 → 68 × 60 / 133 = 30.7 travel minutes per contact hour (waiting is not travel)
        assertThat(ann.path("contactMinutes").asInt()).isEqualTo(133);
        assertThat(ann.path("deliveredLegs").asInt()).isEqualTo(3);
        assertThat(ann.path("plannedTravelMinutes").asInt()).isEqualTo(80);
        assertThat(ann.path("actualTravelMinutes").asInt()).isEqualTo(183);
        assertThat(ann.path("travelMinutes").asInt()).isEqualTo(68);
        assertThat(ann.path("waitingMinutes").asInt()).isEqualTo(115);
        assertThat(ann.path("travelMinutesPerContactHour").decimalValue()).isEqualByComparingTo("30.7");
        assertThat(ann.path("rushedTransitions").asInt()).isEqualTo(1);
        assertThat(ann.path("distanceMetres").asInt()).isEqualTo(5783);
        assertThat(ann.path("providerId").asString()).isEqualTo(day.providerId);
        var legs = ann.path("legs");
        assertThat(legs.size()).isEqualTo(3);
        assertThat(legs.get(2).path("fromVisitId").asString()).isEqualTo(day.visits.get("v3"));
        assertThat(legs.get(2).path("toVisitId").asString()).isEqualTo(day.visits.get("v6"));
        assertThat(legs.get(2).path("plannedTravelSource").asString()).isEqualTo("ESTIMATE");
        assertThat(legs.get(1).path("rushed").asBoolean()).isTrue();
        assertThat(legs.get(2).path("travelMinutes").asInt()).isEqualTo(45);
        assertThat(legs.get(2).path("waitingMinutes").asInt()).isEqualTo(112);

        var csv = lines(council().get(travelDay(day.ann), "text/csv"));
        assertThat(csv.get(0))
                .isEqualTo("workerId,date,legNumber,fromVisitId,toVisitId,zone,delivered,plannedGapMinutes,"
                        + "plannedTravelMinutes,plannedTravelSource,actualTravelMinutes,travelMinutes,waitingMinutes,"
                        + "distanceMetres,rushed");
        assertThat(csv).hasSize(4);
        assertThat(csv.get(2))
                .isEqualTo(String.join(
                        ",",
                        day.ann,
                        "2027-03-02",
                        "2",
                        day.visits.get("v2"),
                        day.visits.get("v3"),
                        day.zone,
                        "true",
                        "15",
                        "20",
                        "ROSTER",
                        "8",
                        "8",
                        "0",
                        "723",
                        "true"));
    }

    @Test
    @DisplayName("a provider's week per worker and a zone's week per provider, JSON and CSV")
    void weeks() {
        var week = council()
                .get("/api/v1/travel/providers/" + day.providerId + "?week=2027-W09")
                .json();
        assertThat(week.path("from").asString()).isEqualTo("2027-03-01");
        assertThat(week.path("to").asString()).isEqualTo("2027-03-07");
        // ann + bob: 6 visits, 133+105 = 238 min; legs 3+1; planned 80+1; actual 183+4 = 187 = travel 68+1 = 69 and
        // waiting 115+3 = 118 → 69 × 60 / 238 = 17.4 travel minutes per contact hour
        assertThat(week.path("visits").asInt()).isEqualTo(6);
        assertThat(week.path("contactMinutes").asInt()).isEqualTo(238);
        assertThat(week.path("deliveredLegs").asInt()).isEqualTo(4);
        assertThat(week.path("plannedTravelMinutes").asInt()).isEqualTo(81);
        assertThat(week.path("actualTravelMinutes").asInt()).isEqualTo(187);
        assertThat(week.path("travelMinutes").asInt()).isEqualTo(69);
        assertThat(week.path("waitingMinutes").asInt()).isEqualTo(118);
        assertThat(week.path("travelMinutesPerContactHour").decimalValue()).isEqualByComparingTo("17.4");
        assertThat(week.path("workers").size()).isEqualTo(2);

        var csv = lines(council().get("/api/v1/travel/providers/" + day.providerId + "?week=2027-W09", "text/csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("providerId,week,workerId,visits,contactMinutes");

        var zone = council()
                .get("/api/v1/travel/zones/" + day.zone + "?week=2027-W09")
                .json();
        assertThat(zone.path("providers").size()).isEqualTo(1);
        assertThat(zone.path("providers").get(0).path("providerId").asString()).isEqualTo(day.providerId);
        assertThat(zone.path("actualTravelMinutes").asInt()).isEqualTo(187);
        assertThat(lines(council().get("/api/v1/travel/zones/" + day.zone + "?week=2027-W09", "text/csv")))
                .hasSize(2);
    }

    @Test
    @DisplayName("provider performance for March, alone and in the side-by-side list, JSON and CSV")
    void performanceView() {
        var march = council().get(performance()).json();
        assertThat(march.path("visitsScheduled").asInt()).isEqualTo(7);
        assertThat(march.path("visitsCancelled").asInt()).isEqualTo(1);
        assertThat(march.path("cancelledByProvider").asInt()).isZero();
        assertThat(march.path("onTimeRatePercent").decimalValue()).isEqualByComparingTo("100.0");
        // not cancelled: 30+45+30+60+30+45 = 240 planned; delivered 30+45+30+60+28+45 = 238
        assertThat(march.path("plannedMinutes").asInt()).isEqualTo(240);
        assertThat(march.path("deliveredMinutes").asInt()).isEqualTo(238);
        // 420 a week from 1 March, 31 days: 420 × 31 / 7 = 1860
        assertThat(march.path("commissionedMinutes").asInt()).isEqualTo(1860);
        // one client: ann 4 of 6 visits
        assertThat(march.path("continuity").path("mainWorkerSharePercent").decimalValue())
                .isEqualByComparingTo("66.7");
        assertThat(march.path("listStatus").asString()).isEqualTo("ADMITTED");
        assertThat(march.path("cqcWellLed").asString()).isEqualTo("GOOD");
        assertThat(march.has("workersWithRepeatedIssues")).isTrue();

        // The package was offered and accepted today, so a period from November counts both.
        var longer = council()
                .get("/api/v1/providers/" + day.providerId + "/performance?from=2026-11-01&to=2027-03-31")
                .json();
        assertThat(longer.path("packages").path("offered").asInt()).isEqualTo(1);
        assertThat(longer.path("packages").path("accepted").asInt()).isEqualTo(1);

        var list = council().get("/api/v1/performance/providers?from=2027-03-01&to=2027-03-31");
        assertThat(list.json().path("providers").size()).isGreaterThanOrEqualTo(1);
        var csv = lines(council().get("/api/v1/performance/providers?from=2027-03-01&to=2027-03-31", "text/csv"));
        assertThat(csv.get(0)).startsWith("providerId,name,from,to,listStatus,cqcOverall,cqcWellLed");
        // The provider's name holds a comma and quotes: quoted, quotes doubled.
        assertThat(csv).anySatisfy(line -> assertThat(line)
                .startsWith(day.providerId + ",\"Provider, \"\"" + day.providerId + "\"\"\",2027-03-01"));
        assertThat(csv).hasSize(list.json().path("providers").size() + 1);
    }

    @Test
    @DisplayName("the charter view: each measure, its expectation and a flag; CSV a line per measure")
    void charter() {
        var path = "/api/v1/providers/" + day.providerId + "/charter?from=2027-03-01&to=2027-03-31";
        var measures = council().get(path).json().path("measures");
        assertThat(measures.size()).isEqualTo(9);
        assertThat(measures.get(7).path("measure").asString()).isEqualTo("CARE_CERTIFICATE_WITHIN_12_WEEKS");
        assertThat(measures.get(8).path("measure").asString()).isEqualTo("WORKERS_WITH_EXPIRED_QUALIFICATIONS");
        assertThat(measures.get(8).path("value").decimalValue())
                .as("no qualification recorded, none expired")
                .isEqualByComparingTo("0.0");
        // rushed v2>v3: 1 per 6 delivered visits = 16.7 per 100, expected at most 0
        var rushed = measures.get(3);
        assertThat(rushed.path("measure").asString()).isEqualTo("RUSHED_TRANSITIONS_PER_100_VISITS");
        assertThat(rushed.path("value").decimalValue()).isEqualByComparingTo("16.7");
        assertThat(rushed.path("flag").asString()).isEqualTo("FALLS_SHORT");
        // roster travel on v1>v2 and v2>v3, estimated for v3>v6 and b1>v4: 2 of 4 legs
        assertThat(measures.get(4).path("value").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(measures.get(5).path("flag").asString())
                .as("main worker 66.7 ≥ 60")
                .isEqualTo("MEETS");
        assertThat(measures.get(6).path("value").decimalValue())
                .as("ann of ann and bob")
                .isEqualByComparingTo("50.0");
        var csv = lines(council().get(path, "text/csv"));
        assertThat(csv).hasSize(10);
        assertThat(csv.get(0)).isEqualTo("providerId,from,to,measure,value,unit,basis,comparison,expected,flag");
    }

    @Test
    @DisplayName("pay compliance for March: ann below the National Living Wage over her working time, bob above")
    void payCompliance() {
        var path = "/api/v1/providers/" + day.providerId + "/pay-compliance?month=2027-03";
        var month = council().get(path).json();
        assertThat(month.path("nationalLivingWagePence").asInt()).isEqualTo(1271);
        var ann = month.path("workers").get(0).path("workerId").asString().equals(day.ann)
                ? month.path("workers").get(0)
                : month.path("workers").get(1);
        // travel: min(18,15) + min(8,20) + min(157,45) = 68; waiting 3 + 0 + 112 = 115; working 133+68+115 = 316;
        // pay 133 × 1250 / 60 = 2770.8 → 2771; 2771 × 60 / 316 = 526.1 → 526
        assertThat(ann.path("travelMinutes").asInt()).isEqualTo(68);
        assertThat(ann.path("waitingMinutes").asInt()).isEqualTo(115);
        assertThat(ann.path("workingMinutes").asInt()).isEqualTo(316);
        assertThat(ann.path("payPence").asInt()).isEqualTo(2771);
        assertThat(ann.path("averageHourlyPayPence").asInt()).isEqualTo(526);
        assertThat(ann.path("belowNationalLivingWage").asBoolean()).isTrue();
        // bob: 105 contact, 1 travel + 3 waiting = 109 working; 105 × 1400 / 60 = 2450; 2450 × 60 / 109 = 1348
        assertThat(month.path("workersBelowNationalLivingWage").asInt()).isEqualTo(1);
        var csv = lines(council().get(path, "text/csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv).anySatisfy(line -> assertThat(line)
                .startsWith(day.providerId + ",2027-03," + day.bob)
                .endsWith(",2450,1348,1271,false"));
    }

    @Test
    @DisplayName("a provider sees only its own dashboards: another provider's are 404, the lists its own row")
    void providerScope() {
        admitted(ALPHA);
        admitted(BETA);
        String alphaWorker = worker(alpha(), ALPHA);
        eventually(
                () -> assertThat(alpha().get(travelDay(alphaWorker)).status()).isEqualTo(200));
        assertThat(beta().get(travelDay(alphaWorker)).status()).isEqualTo(404);
        assertThat(beta().get(travelDay(day.ann)).problemType()).isEqualTo("/problems/unknown-worker");
        for (String path : day.paths()) {
            if (path.contains("/providers/" + day.providerId)) {
                assertThat(beta().get(path).status()).as(path).isEqualTo(404);
            }
        }
        var zone = beta().get("/api/v1/travel/zones/" + day.zone + "?week=2027-W09")
                .json();
        assertThat(zone.path("providers").size()).isZero();
        var list = beta().get("/api/v1/performance/providers?from=2027-03-01&to=2027-03-31")
                .json();
        assertThat(list.path("providers").size()).isEqualTo(1);
        assertThat(list.path("providers").get(0).path("providerId").asString()).isEqualTo(BETA);
        assertThat(council()
                        .get("/api/v1/providers/no-such-provider/charter?from=2027-03-01&to=2027-03-31")
                        .status())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("bad periods are 400 problem+json naming the parameter, whatever the Accept header")
    void badParameters() {
        String provider = "/api/v1/providers/" + day.providerId;
        for (String path : List.of(
                "/api/v1/travel/providers/" + day.providerId + "?week=2027-9",
                "/api/v1/travel/zones/" + day.zone + "?week=2026-W54",
                provider + "/performance?from=2027-03-31&to=2027-03-01",
                provider + "/performance?from=2020-01-01&to=2027-03-01",
                provider + "/charter?from=2027-03-01",
                provider + "/pay-compliance?month=2027-13",
                "/api/v1/travel/workers/" + day.ann + "?date=02-03-2027")) {
            for (String accept : List.of("application/json", "text/csv")) {
                var response = council().get(path, accept);
                assertThat(response.status()).as(path + " " + response.text()).isEqualTo(400);
                assertThat(response.isProblem()).as(path + " as " + accept).isTrue();
            }
        }
        var inverted = council().get(provider + "/performance?from=2027-03-31&to=2027-03-01");
        assertThat(inverted.problemType()).isEqualTo("/problems/invalid-request");
        assertThat(inverted.json().path("detail").asString()).contains("before it starts");
    }

    @Test
    @DisplayName("OpenAPI describes every dashboard, with CSV as an answer type")
    void openApi() {
        var paths = new Api(port, null).get("/v3/api-docs").json().path("paths");
        for (String path : List.of(
                "/api/v1/travel/workers/{workerId}",
                "/api/v1/travel/providers/{providerId}",
                "/api/v1/travel/zones/{zone}",
                "/api/v1/providers/{providerId}/performance",
                "/api/v1/performance/providers",
                "/api/v1/providers/{providerId}/charter",
                "/api/v1/providers/{providerId}/pay-compliance")) {
            assertThat(paths.path(path)
                            .path("get")
                            .path("responses")
                            .path("200")
                            .path("content")
                            .has("text/csv"))
                    .as(path)
                    .isTrue();
        }
    }
}
