package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's drill-down on the real HTTP server: a provider's visits by issue (JSON and CSV), a visit's history,
 * the default period, the scoping of provider users, and travel split into travel and waiting, rebuilt by replay.
 */
class DashboardDrillDownApiTest extends AuditTestSupport {

    private static List<String> ids(JsonNode list) {
        var ids = new ArrayList<String>();
        list.path("visits").forEach(v -> ids.add(v.path("visitId").asString()));
        return ids;
    }

    @Test
    @DisplayName("a provider's missed, late and short visits, each filter, JSON and CSV, own provider only")
    void providerVisitsByIssue() {
        var roster = alphaRoster();
        String onTime = delivered(alpha(), roster, 300, 60, false);
        String shortVisit = delivered(alpha(), roster, 240, 30, false); // 30 of 60 < 85 %
        // late: checked in 40 minutes after the planned start (threshold 30)
        String late = unique("v");
        var start = minutesFromNow(-180);
        assertThat(alpha().put("/api/v1/visits/" + late, visit(roster.packageId(), roster.workerId(), start, 60))
                        .status())
                .isEqualTo(201);
        assertThat(alpha().post(
                                "/api/v1/visits/" + late + "/check-in",
                                Map.of("at", start.plusSeconds(40 * 60).toString(), "method", "APP_GPS"))
                        .status())
                .isEqualTo(200);
        assertThat(alpha().post(
                                "/api/v1/visits/" + late + "/check-out",
                                Map.of(
                                        "at",
                                        start.plusSeconds(100 * 60).toString(),
                                        "method",
                                        "APP_GPS",
                                        "endedEarlyAtClientRequest",
                                        false))
                        .status())
                .isEqualTo(200);

        var today = LocalDate.now(ZoneId.of("Europe/London"));
        String base = "/api/v1/providers/" + ALPHA + "/visits?from=" + today.minusDays(1) + "&to=" + today;
        eventually(() -> assertThat(ids(alpha().get(base).json())).contains(onTime, shortVisit, late));

        assertThat(ids(alpha().get(base + "&issue=SHORT").json()))
                .contains(shortVisit)
                .doesNotContain(onTime, late);
        assertThat(ids(alpha().get(base + "&issue=LATE").json())).contains(late).doesNotContain(onTime, shortVisit);
        assertThat(ids(alpha().get(base + "&issue=ANY").json()))
                .contains(late, shortVisit)
                .doesNotContain(onTime);
        assertThat(ids(alpha().get(base + "&issue=MISSED").json())).doesNotContain(onTime, shortVisit, late);
        var byWorker = council().get(base + "&workerId=" + roster.workerId()).json();
        assertThat(ids(byWorker)).containsExactlyInAnyOrder(onTime, shortVisit, late);
        assertThat(byWorker.path("count").asInt()).isEqualTo(3);
        assertThat(byWorker.path("truncated").asBoolean()).isFalse();

        var csv = council().get(base + "&workerId=" + roster.workerId() + "&issue=LATE", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        var lines = csv.text().split("\r\n");
        assertThat(lines[0]).startsWith("visitId,providerId,workerId,clientRef,zone,plannedStart,plannedMinutes");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(late + "," + ALPHA + "," + roster.workerId());

        // Another provider's user: 404, as for an unknown provider; bad filters: 400 problem.
        var other = beta().get(base);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.isProblem()).isTrue();
        var bad = council().get(base + "&issue=LOST");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
        assertThat(council()
                        .get("/api/v1/providers/" + ALPHA + "/visits?from=" + today + "&to=" + today.minusDays(1))
                        .status())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("a visit's history: every event in order with who recorded it, for its provider and the council")
    void visitHistory() {
        var roster = alphaRoster();
        String visitId = delivered(alpha(), roster, 120, 55, false);
        String path = "/api/v1/visits/" + visitId + "/history";
        eventually(() -> assertThat(alpha().get(path).status()).isEqualTo(200));
        var history = alpha().get(path).json();
        var events = new ArrayList<String>();
        history.path("events").forEach(e -> events.add(e.path("event").asString()));
        assertThat(events.get(0)).isEqualTo("VisitScheduled");
        assertThat(events).contains("VisitCheckedIn", "VisitCheckedOut");
        var first = history.path("events").get(0);
        assertThat(first.path("principal").asString()).isEqualTo("alpha");
        assertThat(first.path("role").asString()).isEqualTo("PROVIDER");
        assertThat(first.path("facts").path("plan").path("workerId").asString()).isEqualTo(roster.workerId());
        assertThat(council().get(path).status()).isEqualTo(200);
        assertThat(as("auditor").get(path).status()).isEqualTo(200);
        assertThat(beta().get(path).status()).isEqualTo(404);
        assertThat(council()
                        .get("/api/v1/visits/" + unique("none") + "/history")
                        .status())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("the default period is 28 days that hold the caller's visits, with the council's time zone")
    void defaultPeriod() {
        var roster = alphaRoster();
        delivered(alpha(), roster, 90, 60, false);
        var today = LocalDate.now(ZoneId.of("Europe/London"));
        eventually(() -> {
            var defaults = alpha().get("/api/v1/dashboard/defaults").json();
            assertThat(defaults.path("to").asString()).isEqualTo(today.toString());
            assertThat(defaults.path("from").asString())
                    .isEqualTo(today.minusDays(27).toString());
        });
        var defaults = alpha().get("/api/v1/dashboard/defaults").json();
        assertThat(defaults.path("timeZone").asString()).isEqualTo("Europe/London");
        assertThat(defaults.path("role").asString()).isEqualTo("PROVIDER");
        assertThat(defaults.path("providerId").asString()).isEqualTo(ALPHA);
        assertThat(council().get("/api/v1/dashboard/defaults").json().has("providerId"))
                .isFalse();
    }

    private void deliveredAt(Roster roster, java.time.Instant start, Integer travel, int offsetIn, int minutes) {
        String visitId = unique("v");
        var body = new java.util.LinkedHashMap<>(visit(roster.packageId(), roster.workerId(), start, 30));
        if (travel != null) {
            body.put("plannedTravelMinutes", travel);
        }
        assertThat(council().put("/api/v1/visits/" + visitId, body).status()).isEqualTo(201);
        var in = start.plusSeconds(offsetIn * 60L);
        assertThat(council()
                        .post(
                                "/api/v1/visits/" + visitId + "/check-in",
                                Map.of("at", in.toString(), "method", "APP_GPS"))
                        .status())
                .isEqualTo(200);
        assertThat(council()
                        .post(
                                "/api/v1/visits/" + visitId + "/check-out",
                                Map.of(
                                        "at",
                                        in.plusSeconds(minutes * 60L).toString(),
                                        "method",
                                        "APP_GPS",
                                        "endedEarlyAtClientRequest",
                                        false))
                        .status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("travel vs waiting: a worker-day's gaps split by the rostered travel, the same after a rebuild")
    void travelAndWaitingSurviveARebuild() {
        String providerId = admitted(unique("tw"));
        var roster = new Roster(providerId, worker(council(), providerId), activePackage(council(), providerId));
        // A day two days ago, 09:00 / 10:00 / 11:00 local-ish (UTC; the date is taken in London): 30-minute visits.
        var day = LocalDate.now(ZoneId.of("Europe/London")).minusDays(2);
        var nine = day.atTime(9, 0).atZone(ZoneId.of("Europe/London")).toInstant();
        deliveredAt(roster, nine, null, 0, 30); // 09:00-09:30
        // roster travel 10; checked in 10:00: a gap of 30 = 10 travel + 20 waiting
        deliveredAt(roster, nine.plusSeconds(3600), 10, 0, 30);
        // roster travel 45 > gap: checked in 11:15 after leaving 10:30: a gap of 45 = 45 travel, no waiting
        deliveredAt(roster, nine.plusSeconds(7200), 45, 15, 30);
        String path = "/api/v1/travel/workers/" + roster.workerId() + "?date=" + day;
        eventually(() -> assertThat(
                        council().get(path).json().path("deliveredLegs").asInt())
                .isEqualTo(2));
        var live = council().get(path).json();
        assertThat(live.path("actualTravelMinutes").asInt()).isEqualTo(75);
        assertThat(live.path("travelMinutes").asInt()).isEqualTo(55);
        assertThat(live.path("waitingMinutes").asInt()).isEqualTo(20);
        // 55 travel minutes over 90 contact minutes: 36.7 per contact hour (the whole gaps made it 50.0)
        assertThat(live.path("travelMinutesPerContactHour").decimalValue()).isEqualByComparingTo("36.7");
        String month = "/api/v1/providers/" + providerId + "/pay-compliance?month=" + java.time.YearMonth.from(day);
        var pay = council().get(month).json().path("workers").get(0);
        assertThat(pay.path("travelMinutes").asInt()).isEqualTo(55);
        assertThat(pay.path("waitingMinutes").asInt()).isEqualTo(20);
        var liveMonth = council().get(month).json();

        rebuilt("travel-views");
        assertThat(council().get(path).json()).isEqualTo(live);
        assertThat(council().get(month).json()).isEqualTo(liveMonth);
    }
}
