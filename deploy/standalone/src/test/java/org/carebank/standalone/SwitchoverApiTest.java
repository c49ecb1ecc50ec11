package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Unmet need, workforce records and action plans end to end on PostgreSQL, with a replay of the unmet need view. */
class SwitchoverApiTest extends AuditTestSupport {

    private String commission(String zone, int weeklyMinutes) {
        String packageId = unique("pkg");
        var body = new LinkedHashMap<String, Object>();
        body.put("packageId", packageId);
        body.put("clientRef", unique("C"));
        body.put("zone", zone);
        body.put("weeklyMinutes", weeklyMinutes);
        body.put("hourlyRatePence", 2400);
        body.put("timeBanking", false);
        body.put("startsOn", "2026-01-01");
        var response = council().post("/api/v1/packages", body);
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return packageId;
    }

    private void offer(String packageId) {
        assertThat(council()
                        .post("/api/v1/packages/" + packageId + "/offers", Map.of("providerId", ALPHA))
                        .status())
                .isEqualTo(200);
    }

    private void accept(String packageId) {
        var accepted = alpha().post("/api/v1/packages/" + packageId + "/acceptance", Map.of("providerId", ALPHA));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    }

    @Test
    @DisplayName("unmet need per zone worked by hand, as of ten days on; a rebuild answers the same")
    void unmetNeed() {
        admitted(ALPHA);
        String zone = unique("zone");
        String declined = commission(zone, 420);
        offer(declined);
        var decline = alpha().post(
                        "/api/v1/packages/" + declined + "/declines",
                        Map.of("providerId", ALPHA, "reason", "NO_CAPACITY"));
        assertThat(decline.status()).as(decline.text()).isEqualTo(200);
        String placed = commission(zone, 300);
        offer(placed);
        accept(placed);
        String handedBack = commission(zone, 120);
        offer(handedBack);
        accept(handedBack);
        var back = alpha().post(
                        "/api/v1/packages/" + handedBack + "/hand-back",
                        Map.of(
                                "reason",
                                "carer left",
                                "effectiveOn",
                                LocalDate.now(ZoneId.of("Europe/London")).toString()));
        assertThat(back.status()).as(back.text()).isEqualTo(200);

        // Ten days on: the declined package and the handed-back one wait (420 + 120 minutes a week), ten days each;
        // two placements in the period, both on the day of commission: median and p90 0 days.
        // A little past ten days (truncating to the second could land a few milliseconds short of the tenth day).
        Instant tenDaysOn =
                Instant.now().plus(10, ChronoUnit.DAYS).plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        String path = "/api/v1/unmet-need?zone=" + zone + "&asOf=" + tenDaysOn;
        eventually(() -> {
            JsonNode answer = council().get(path).json();
            assertThat(answer.path("packagesWaiting").asInt())
                    .as(answer.toString())
                    .isEqualTo(2);
            JsonNode figures = answer.path("zones").get(0);
            assertThat(figures.path("zone").asString()).isEqualTo(zone);
            assertThat(figures.path("packagesWaiting").asInt()).isEqualTo(2);
            assertThat(figures.path("unplacedMinutesPerWeek").asInt()).isEqualTo(540);
            assertThat(figures.path("handedBackWaiting").asInt()).isEqualTo(1);
            assertThat(figures.path("placedInPeriod").asInt()).isEqualTo(2);
            assertThat(figures.path("medianDaysToPlace").asInt()).isZero();
            assertThat(figures.path("p90DaysToPlace").asInt()).isZero();
            JsonNode first = answer.path("packages").get(0);
            assertThat(first.path("packageId").asString()).isEqualTo(declined);
            assertThat(first.path("waitingDays").asInt()).isEqualTo(10);
            assertThat(first.path("offers").asInt()).isEqualTo(1);
            assertThat(first.path("declines").get(0).path("reason").asString()).isEqualTo("NO_CAPACITY");
            assertThat(answer.path("packages").get(1).path("handedBack").asBoolean())
                    .isTrue();
        });
        // Before any of it was commissioned nobody waited in the zone: seed 001's headline.
        var before = council()
                .get("/api/v1/unmet-need?zone=" + zone + "&asOf=2026-01-01T00:00:00Z")
                .json();
        assertThat(before.path("packagesWaiting").asInt()).isZero();

        var csv = council().get(path, "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).startsWith("packageId,").contains(declined).contains(handedBack);
        assertThat(alpha().get(path).status()).as("not a provider's question").isEqualTo(403);
        assertThat(as("auditor").get(path).status()).isEqualTo(200);

        String live = council().get(path).text();
        rebuilt("unmet-need-views");
        assertThat(council().get(path).text()).isEqualTo(live);
        assertThat(council()
                        .get("/api/v1/unmet-need/weeks?weeks=4&zone=" + zone)
                        .json())
                .hasSize(4);
    }

    @Test
    @DisplayName("a worker who leaves cannot be booked on or after the leaving day (422 worker-left), before it can")
    void leavers() {
        var roster = alphaRoster();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        LocalDate leftOn = today.plusDays(10);
        var leaving = alpha().post(
                        "/api/v1/providers/" + ALPHA + "/workers/" + roster.workerId() + "/leaving",
                        Map.of("leftOn", leftOn.toString(), "reason", "RESIGNED"));
        assertThat(leaving.status()).as(leaving.text()).isEqualTo(201);
        assertThat(alpha().post(
                                "/api/v1/providers/" + ALPHA + "/workers/" + roster.workerId() + "/leaving",
                                Map.of("leftOn", leftOn.toString(), "reason", "RESIGNED"))
                        .status())
                .as("the same leaving again")
                .isEqualTo(200);

        Instant onTheDay =
                leftOn.atTime(10, 0).atZone(ZoneId.of("Europe/London")).toInstant();
        var refused = alpha().put(
                        "/api/v1/visits/" + unique("v"), visit(roster.packageId(), roster.workerId(), onTheDay, 60));
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.problemType()).isEqualTo("/problems/worker-left");
        assertThat(refused.json().path("leftOn").asString()).isEqualTo(leftOn.toString());

        var dayBefore = alpha().put(
                        "/api/v1/visits/" + unique("v"),
                        visit(roster.packageId(), roster.workerId(), onTheDay.minus(1, ChronoUnit.DAYS), 60));
        assertThat(dayBefore.status()).as(dayBefore.text()).isEqualTo(201);

        var reRegistered = alpha().post(
                        "/api/v1/providers/" + ALPHA + "/workers",
                        Map.of(
                                "workerId",
                                roster.workerId(),
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "CAR",
                                "hourlyPayPence",
                                1400));
        assertThat(reRegistered.status()).as("pay changes go through /pay").isEqualTo(409);
        assertThat(beta().post(
                                "/api/v1/providers/" + ALPHA + "/workers/" + roster.workerId() + "/leaving",
                                Map.of("leftOn", leftOn.toString(), "reason", "RESIGNED"))
                        .status())
                .as("another provider's worker")
                .isIn(403, 404);
    }

    @Test
    @DisplayName(
            "pay compliance pays each day at the pay in force: a rise from the second day of work counts from then")
    void payInForce() {
        var roster = alphaRoster();
        // Two 60-minute visits two and one days ago, at the registered 1300 pence an hour, then a rise to 1500
        // from yesterday: 60 × 1300 + 60 × 1500 = 168000 / 60 = 2800 pence.
        String first = delivered(alpha(), roster, 2 * 24 * 60, 60, false);
        String second = delivered(alpha(), roster, 24 * 60, 60, false);
        var londonToday = LocalDate.now(ZoneId.of("Europe/London"));
        var yesterday = londonToday.minusDays(1);
        var rise = alpha().post(
                        "/api/v1/providers/" + ALPHA + "/workers/" + roster.workerId() + "/pay",
                        Map.of("hourlyPayPence", 1500, "effectiveFrom", yesterday.toString()));
        assertThat(rise.status()).as(rise.text()).isEqualTo(201);
        var conflicting = alpha().post(
                        "/api/v1/providers/" + ALPHA + "/workers/" + roster.workerId() + "/pay",
                        Map.of("hourlyPayPence", 1600, "effectiveFrom", yesterday.toString()));
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.problemType()).isEqualTo("/problems/pay-change-conflicts");

        var twoDaysAgo = londonToday.minusDays(2);
        // Both visits fall in one month only when two days ago is in this month; otherwise check each month's line.
        eventually(() -> {
            long total = 0;
            for (String month : java.util.Set.of(
                    twoDaysAgo.toString().substring(0, 7), yesterday.toString().substring(0, 7))) {
                JsonNode pay = alpha().get("/api/v1/providers/" + ALPHA + "/pay-compliance?month=" + month)
                        .json();
                for (JsonNode worker : pay.path("workers")) {
                    if (worker.path("workerId").asString().equals(roster.workerId())) {
                        total += worker.path("payPence").asLong();
                    }
                }
            }
            assertThat(total).isEqualTo(2800);
        });
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    @DisplayName("an action plan only for a provider rated Requires Improvement; completion is recorded once")
    void actionPlans() {
        String provider = unique("ri");
        admitted(provider);
        String plan = unique("ap");
        LocalDate dueBy = LocalDate.now(ZoneId.of("Europe/London")).plusDays(30);
        var refused = council()
                .post(
                        "/api/v1/providers/" + provider + "/action-plans",
                        Map.of("planId", plan, "reason", "staffing", "dueBy", dueBy.toString()));
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.problemType()).isEqualTo("/problems/provider-not-requires-improvement");

        var rating =
                council().post("/api/v1/providers/" + provider + "/cqc-ratings", cqc("GOOD", "REQUIRES_IMPROVEMENT"));
        assertThat(rating.status()).as(rating.text()).isEqualTo(200);
        var opened = council()
                .post(
                        "/api/v1/providers/" + provider + "/action-plans",
                        Map.of("planId", plan, "reason", "staffing", "dueBy", dueBy.toString()));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        assertThat(alpha().post(
                                "/api/v1/providers/" + provider + "/action-plans",
                                Map.of("planId", unique("ap"), "reason", "x", "dueBy", dueBy.toString()))
                        .status())
                .as("council only")
                .isEqualTo(403);
        var completed =
                council().post("/api/v1/providers/" + provider + "/action-plans/" + plan + "/completion", Map.of());
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(eventTypes(org.carebank.kernel.StreamIds.provider(provider)))
                .contains("ActionPlanOpened", "ActionPlanCompleted");
    }
}
