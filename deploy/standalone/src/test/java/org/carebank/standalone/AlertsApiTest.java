package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Alerts end to end: raised by the service, seen by the right callers, acknowledged, resolved, measured. */
class AlertsApiTest extends ApiTestSupport {

    private JsonNode alertsOf(Api as, String visitId) {
        var response = as.get("/api/v1/alerts?providerId=" + ALPHA);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        var found = Api.JSON.createArrayNode();
        response.json().forEach(alert -> {
            if (alert.path("visitId").asString().equals(visitId)) {
                found.add(alert);
            }
        });
        return found;
    }

    private JsonNode onlyAlert(Api as, String visitId) {
        var alerts = alertsOf(as, visitId);
        assertThat(alerts.size()).as(alerts.toString()).isEqualTo(1);
        return alerts.get(0);
    }

    @Test
    @DisplayName("the overdue deadline raises OVERDUE by itself at planned start plus 30 minutes, not before")
    void overdueDeadlineFires() {
        var roster = alphaRoster();
        // Late threshold 30 seconds from now: far enough that nothing can have fired when the first check runs.
        var plannedStart = Instant.now().minusSeconds(30 * 60 - 30);
        String visitId = scheduled(roster, plannedStart, 60);
        assertThat(eventTypes(StreamIds.visit(visitId))).containsExactly("VisitScheduled");

        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(eventTypes(StreamIds.visit(visitId)))
                        .containsExactly("VisitScheduled", "AlertRaised"));
        assertThat(eventMetaData(StreamIds.visit(visitId)).get(1))
                .as("the service raised it")
                .containsEntry("role", "SYSTEM")
                .containsEntry("principal", "carebank:alerts");
        eventually(() -> {
            var alert = onlyAlert(alpha(), visitId);
            assertThat(alert.path("kind").asString()).isEqualTo("OVERDUE");
            assertThat(alert.path("status").asString()).isEqualTo("OPEN");
            assertThat(alert.path("alertId").asString()).isEqualTo(visitId + ":1");
            assertThat(Instant.parse(alert.path("raisedAt").asString()))
                    .as("raised at the late moment, not before")
                    .isAfterOrEqualTo(plannedStart.plusSeconds(30 * 60).minusMillis(1));
        });
    }

    @Test
    @DisplayName("acknowledge then resolve an alert; a resolved alert cannot be acknowledged; another provider sees"
            + " nothing of it")
    void lifecycle() {
        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(-40), 60); // past the late moment: overdue at once
        String alertId = visitId + ":1";
        eventually(() -> assertThat(onlyAlert(council(), visitId).path("status").asString())
                .isEqualTo("OPEN"));

        assertThat(alertsOf(beta(), visitId))
                .as("beta sees none of alpha's alerts")
                .isEmpty();
        assertThat(beta().post("/api/v1/alerts/" + alertId + "/acknowledgement", Map.of("note", "mine?"))
                        .problemType())
                .isEqualTo("/problems/unknown-alert");
        assertThat(as("auditor")
                        .post("/api/v1/alerts/" + alertId + "/acknowledgement", Map.of("note", "x"))
                        .status())
                .as("auditors read only")
                .isEqualTo(403);

        var ack = alpha().post("/api/v1/alerts/" + alertId + "/acknowledgement", Map.of("note", "calling the carer"));
        assertThat(ack.status()).as(ack.text()).isEqualTo(200);
        eventually(() -> {
            var alert = onlyAlert(alpha(), visitId);
            assertThat(alert.path("status").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(alert.has("acknowledgedAt")).isTrue();
        });

        var noNote = council().post("/api/v1/alerts/" + alertId + "/resolution", Map.of("outcome", "OTHER"));
        assertThat(noNote.status()).as(noNote.text()).isEqualTo(400);
        var resolve = council()
                .post(
                        "/api/v1/alerts/" + alertId + "/resolution",
                        Map.of("outcome", "CLIENT_SAFE_NOT_VISITED", "note", "spoke to the client by phone"));
        assertThat(resolve.status()).as(resolve.text()).isEqualTo(200);
        var again = council()
                .post(
                        "/api/v1/alerts/" + alertId + "/resolution",
                        Map.of("outcome", "CLIENT_SAFE_NOT_VISITED", "note", "spoke to the client by phone"));
        assertThat(again.json().path("outcome").asString()).isEqualTo("ALREADY_RECORDED");

        var lateAck = alpha().post("/api/v1/alerts/" + alertId + "/acknowledgement", Map.of("note", "late"));
        assertThat(lateAck.status()).isEqualTo(409);
        assertThat(lateAck.isProblem()).isTrue();
        assertThat(lateAck.problemType()).isEqualTo("/problems/alert-already-resolved");

        eventually(() -> {
            var alert = onlyAlert(council(), visitId);
            assertThat(alert.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(alert.path("outcome").asString()).isEqualTo("CLIENT_SAFE_NOT_VISITED");
        });
        var resolvedOnly = council().get("/api/v1/alerts?status=RESOLVED&kind=OVERDUE&providerId=" + ALPHA);
        assertThat(resolvedOnly.json().findValuesAsString("alertId")).contains(alertId);
        var openOnly = council().get("/api/v1/alerts?status=OPEN&providerId=" + ALPHA);
        assertThat(openOnly.json().findValuesAsString("alertId")).doesNotContain(alertId);

        var unknown = alpha().post("/api/v1/alerts/no-such-alert/acknowledgement", Map.of("note", "x"));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a check-in on an overdue visit resolves its alert WORKER_ARRIVED; the performance view measures it")
    void checkInResolves() {
        var roster = alphaRoster();
        var start = minutesFromNow(-40);
        String visitId = scheduled(roster, start, 60);
        var checkIn = alpha().post(
                        "/api/v1/visits/" + visitId + "/check-in",
                        Map.of("at", Instant.now().toString(), "method", "APP_GPS"));
        assertThat(checkIn.status()).as(checkIn.text()).isEqualTo(200);
        eventually(() -> {
            var alert = onlyAlert(alpha(), visitId);
            assertThat(alert.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(alert.path("outcome").asString()).isEqualTo("WORKER_ARRIVED");
        });
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var performance = alpha().get("/api/v1/providers/" + ALPHA + "/performance?from=" + today.minusDays(1) + "&to="
                        + today.plusDays(1))
                .json()
                .path("alerts");
        assertThat(performance.path("alertsRaised").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(performance.path("resolved").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(performance.has("resolveP50Minutes")).isTrue();
        assertThat(performance.has("resolveP90Minutes")).isTrue();
        var csv = council()
                .get("/api/v1/performance/providers?from=" + today + "&to=" + today, "text/csv")
                .text();
        assertThat(csv.lines().findFirst().orElseThrow()).contains("alertAcknowledgeP50Minutes");
    }

    @Test
    @DisplayName("open alerts are listed oldest first")
    void oldestFirst() {
        var roster = alphaRoster();
        String older = scheduled(roster, minutesFromNow(-110), 60);
        String newer = scheduled(roster, minutesFromNow(-40), 60);
        eventually(() -> {
            List<String> ids = council()
                    .get("/api/v1/alerts?open=true&providerId=" + ALPHA)
                    .json()
                    .findValuesAsString("visitId");
            assertThat(ids).contains(older, newer);
            assertThat(ids.indexOf(older)).isLessThan(ids.indexOf(newer));
        });
    }
}
