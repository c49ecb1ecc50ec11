package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each kind of bad input gets a clear problem+json naming the rule, and nothing is stored. */
class BadInputApiTest extends ApiTestSupport {

    private void assertRefused(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.isProblem())
                .as("content type " + response.contentType())
                .isTrue();
        assertThat(response.problemType()).isEqualTo(type);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    @DisplayName("malformed JSON is a 400 malformed-request")
    void malformedJson() {
        long before = eventCount();
        assertRefused(
                council().postRaw("/api/v1/providers", "application/json", "{\"providerId\": "),
                400,
                "/problems/malformed-request");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("an unknown enum value is a 400 naming the field and the allowed values")
    void unknownEnum() {
        var cqc = cqc("SPLENDID", "GOOD");
        var response = council().post("/api/v1/providers", admission(unique("p"), cqc));
        assertRefused(response, 400, "/problems/malformed-request");
        assertThat(response.json().path("detail").asString())
                .contains("cqc.overall")
                .contains("OUTSTANDING");
    }

    @Test
    @DisplayName("a missing field is a 400 invalid-request listing the field")
    void missingField() {
        var body = new LinkedHashMap<>(admission(unique("p"), cqc("GOOD", "GOOD")));
        body.remove("name");
        var response = council().post("/api/v1/providers", body);
        assertRefused(response, 400, "/problems/invalid-request");
        assertThat(response.json().path("errors").get(0).path("field").asString())
                .isEqualTo("name");
    }

    @Test
    @DisplayName("an id outside [A-Za-z0-9._:-]{1,64} is refused, in the body and in the path")
    void badIds() {
        assertRefused(
                council().post("/api/v1/providers", admission("has spaces", cqc("GOOD", "GOOD"))),
                400,
                "/problems/invalid-request");
        assertRefused(
                council().post("/api/v1/providers", admission("x".repeat(65), cqc("GOOD", "GOOD"))),
                400,
                "/problems/invalid-request");
        assertRefused(
                alpha().post(
                                "/api/v1/visits/" + "y".repeat(65) + "/check-in",
                                Map.of("at", "2026-11-23T09:00:00Z", "method", "APP_GPS")),
                400,
                "/problems/invalid-request");
    }

    @Test
    @DisplayName("an unknown id is a 404")
    void unknownIds() {
        assertRefused(
                alpha().post(
                                "/api/v1/visits/" + unique("nope") + "/check-in",
                                Map.of("at", "2026-11-23T09:00:00Z", "method", "APP_GPS")),
                404,
                "/problems/unknown-id");
        assertRefused(
                council().post("/api/v1/packages/" + unique("nope") + "/offers", Map.of("providerId", ALPHA)),
                404,
                "/problems/unknown-id");
        assertRefused(council().get("/api/v1/visits/" + unique("nope")), 404, "/problems/unknown-visit");
    }

    @Test
    @DisplayName("a provider below GOOD is refused with 422 and nothing is stored")
    void providerBelowMinimum() {
        String providerId = unique("p");
        var response = council().post("/api/v1/providers", admission(providerId, cqc("GOOD", "REQUIRES_IMPROVEMENT")));
        assertRefused(response, 422, "/problems/provider-below-minimum-rating");
        assertThat(response.json().path("wellLed").asString()).isEqualTo("REQUIRES_IMPROVEMENT");
        assertThat(eventTypes(StreamIds.provider(providerId))).isEmpty();
    }

    @Test
    @DisplayName("times in the wrong order: a check-out before the check-in is a 422")
    void checkOutBeforeCheckIn() {
        var roster = alphaRoster();
        var start = minutesFromNow(-60);
        String visitId = scheduled(roster, start, 60);
        alpha().post("/api/v1/visits/" + visitId + "/check-in", Map.of("at", start.toString(), "method", "APP_GPS"));
        long before = eventCount();
        var response = alpha().post(
                        "/api/v1/visits/" + visitId + "/check-out",
                        Map.of(
                                "at",
                                start.minusSeconds(60).toString(),
                                "method",
                                "APP_GPS",
                                "endedEarlyAtClientRequest",
                                false));
        assertRefused(response, 422, "/problems/check-out-before-check-in");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("a second, different check-in is a 409 and not an event")
    void secondCheckIn() {
        var roster = alphaRoster();
        var start = minutesFromNow(-10);
        String visitId = scheduled(roster, start, 60);
        var first = Map.of("at", start.toString(), "method", "APP_GPS");
        assertThat(alpha().post("/api/v1/visits/" + visitId + "/check-in", first)
                        .status())
                .isEqualTo(200);
        assertThat(alpha().post("/api/v1/visits/" + visitId + "/check-in", first)
                        .json()
                        .path("outcome")
                        .asString())
                .as("the same check-in again is a retry, answered as before")
                .isEqualTo("ALREADY_RECORDED");
        var second = Map.of("at", start.plusSeconds(300).toString(), "method", "TELEPHONY");
        assertRefused(
                alpha().post("/api/v1/visits/" + visitId + "/check-in", second),
                409,
                "/problems/visit-already-checked-in");
        assertThat(eventTypes(StreamIds.visit(visitId))).containsExactly("VisitScheduled", "VisitCheckedIn");
    }

    @Test
    @DisplayName("a command on a cancelled visit is a 409")
    void commandOnCancelledVisit() {
        var roster = alphaRoster();
        var start = minutesFromNow(60);
        String visitId = scheduled(roster, start, 60);
        alpha().post("/api/v1/visits/" + visitId + "/cancellation", Map.of("initiatedBy", "CLIENT", "reason", "away"));
        assertRefused(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/check-in",
                                Map.of("at", start.toString(), "method", "APP_GPS")),
                409,
                "/problems/visit-not-open");
        assertRefused(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/reschedule",
                                Map.of("plannedStart", start.toString(), "plannedMinutes", 45)),
                409,
                "/problems/visit-not-open");
    }

    @Test
    @DisplayName("a MANUAL check-in without a reason is a 422")
    void manualCheckInNeedsReason() {
        var roster = alphaRoster();
        var start = minutesFromNow(-5);
        String visitId = scheduled(roster, start, 60);
        assertRefused(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/check-in",
                                Map.of("at", start.toString(), "method", "MANUAL")),
                422,
                "/problems/manual-reason-required");
    }

    @Test
    @DisplayName("a wrong content type is a 415 problem, not a 500")
    void wrongContentType() {
        var response = council().postRaw("/api/v1/providers", "text/plain", "hello");
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    @DisplayName("a suspended provider cannot get new visits; its history stays")
    void suspendedProviderGetsNoVisits() {
        String providerId = unique("p");
        admitted(providerId);
        String workerId = worker(council(), providerId);
        String packageId = activePackage(council(), providerId);
        String kept = unique("v");
        assertThat(council()
                        .put("/api/v1/visits/" + kept, visit(packageId, workerId, minutesFromNow(600), 60))
                        .status())
                .isEqualTo(201);

        var rated = council().post("/api/v1/providers/" + providerId + "/cqc-ratings", cqc("INADEQUATE", "INADEQUATE"));
        assertThat(rated.status()).isEqualTo(200);
        assertThat(eventTypes(StreamIds.provider(providerId))).endsWith("CqcRatingsRecorded", "ProviderSuspended");

        var refused =
                council().put("/api/v1/visits/" + unique("v"), visit(packageId, workerId, minutesFromNow(900), 60));
        assertRefused(refused, 422, "/problems/provider-suspended");
        eventually(() -> {
            assertThat(council()
                            .get("/api/v1/providers/" + providerId)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("SUSPENDED");
            assertThat(council().get("/api/v1/visits/" + kept).status()).isEqualTo(200);
        });

        council().post("/api/v1/providers/" + providerId + "/cqc-ratings", cqc("GOOD", "GOOD"));
        assertThat(eventTypes(StreamIds.provider(providerId))).endsWith("ProviderReinstated");
        assertThat(council()
                        .put("/api/v1/visits/" + unique("v"), visit(packageId, workerId, minutesFromNow(900), 60))
                        .status())
                .isEqualTo(201);
    }
}
