package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Verification of delivered visits and their maintenance by amendments (four eyes), from the contract alone. */
class AmendmentsAcceptanceTest extends AcceptanceSupport {

    @Test
    @DisplayName("the visit view says VERIFIED for electronic ends, EXCEPTION with the reasons otherwise")
    void verificationAndExceptions() {
        var alpha = alphaSetup();
        Instant base = minutesFromNow(-100);
        String electronic = scheduledAt(alpha(), alpha.packageId(), alpha.workerId(), base.minusSeconds(4 * 3600));
        checkInOut(alpha(), electronic, base.minusSeconds(4 * 3600), 60, "APP_GPS", "TELEPHONY");
        String manualOut = scheduledAt(alpha(), alpha.packageId(), alpha.workerId(), base.minusSeconds(2 * 3600));
        checkInOut(alpha(), manualOut, base.minusSeconds(2 * 3600), 60, "APP_GPS", "MANUAL");
        String manualIn = scheduledAt(alpha(), alpha.packageId(), alpha.workerId(), base);
        checkInOut(alpha(), manualIn, base, 60, "MANUAL", "APP_GPS");

        eventually(() -> {
            var verified = visitView(alpha(), electronic);
            assertThat(verified.path("verification").asString()).isEqualTo("VERIFIED");
            assertThat(verified.path("exceptions").isArray()).isTrue();
            assertThat(verified.path("exceptions").size()).isZero();
            var out = visitView(alpha(), manualOut);
            assertThat(out.path("verification").asString()).isEqualTo("EXCEPTION");
            assertThat(out.path("exceptions").toString()).contains("MANUAL_CHECK_OUT");
            var in = visitView(alpha(), manualIn);
            assertThat(in.path("verification").asString()).isEqualTo("EXCEPTION");
            assertThat(in.path("exceptions").toString()).contains("MANUAL_CHECK_IN");
        });
    }

    @Test
    @DisplayName("a visit with no check-out is amended by its provider; the council's approval moves every figure")
    void approvedAmendmentOfAVisitWithNoCheckOut() {
        var alpha = alphaSetup();
        Instant start = minutesFromNow(-180);
        String visitId = scheduledAt(alpha(), alpha.packageId(), alpha.workerId(), start);
        checkIn(alpha(), visitId, start, "APP_GPS");
        String amendmentId = unique("am");
        var requested = alpha().post(
                        "/api/v1/visits/" + visitId + "/amendments",
                        body(
                                "amendmentId",
                                amendmentId,
                                "checkedOutAt",
                                start.plusSeconds(50 * 60).toString(),
                                "reasonCode",
                                "WORKER_DID_NOT_CHECK_OUT",
                                "note",
                                "phone battery died, client confirmed the time"));
        ok(requested, 201);
        assertThat(requested.json().path("status").asString()).isEqualTo("PENDING");

        eventually(() -> {
            var pending = queueItem(council(), "?providerId=" + ALPHA + "&status=PENDING", amendmentId);
            assertThat(pending.path("visitId").asString()).isEqualTo(visitId);
            assertThat(pending.path("providerId").asString()).isEqualTo(ALPHA);
            assertThat(pending.path("status").asString()).isEqualTo("PENDING");
            assertThat(pending.path("reasonCode").asString()).isEqualTo("WORKER_DID_NOT_CHECK_OUT");
            assertThat(pending.path("requestedBy").asString()).isEqualTo("alpha");
            assertThat(pending.path("requestedAt").asString()).isNotEmpty();
            assertThat(pending.path("before").isObject()).isTrue();
            assertThat(pending.path("after").path("checkedOutAt").asString())
                    .isEqualTo(start.plusSeconds(50 * 60).toString());
        });
        assertThat(visitView(alpha(), visitId).path("deliveredMinutes").isMissingNode()
                        || visitView(alpha(), visitId).path("deliveredMinutes").isNull())
                .as("nothing moves while the amendment is pending")
                .isTrue();

        ok(
                council()
                        .post(
                                "/api/v1/visits/" + visitId + "/amendments/" + amendmentId + "/approval",
                                body("note", "agreed")),
                200);
        eventually(() -> {
            var visit = visitView(alpha(), visitId);
            assertThat(visit.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(visit.path("checkedOutAt").asString())
                    .isEqualTo(start.plusSeconds(50 * 60).toString());
            assertThat(visit.path("deliveredMinutes").asInt()).isEqualTo(50);
            assertThat(visit.path("billableMinutes").asInt()).isEqualTo(50);
            assertThat(visit.path("billablePence").asLong())
                    .as("50 min at 2400p/h")
                    .isEqualTo(2000);
            assertThat(visit.path("verification").asString()).isEqualTo("AMENDED");
            var decided = queueItem(council(), "?providerId=" + ALPHA, amendmentId);
            assertThat(decided.path("status").asString()).isEqualTo("APPROVED");
            assertThat(decided.path("decidedBy").asString()).isEqualTo("council");
            assertThat(decided.path("decidedAt").asString()).isNotEmpty();
        });
        // The original check-in stays in the history.
        assertThat(history("visit:" + visitId))
                .extracting(event -> event.path("type").asString())
                .anyMatch(type -> type.contains("CheckedIn"));
    }

    @Test
    @DisplayName("a rejected amendment moves nothing")
    void rejectionMovesNothing() {
        var alpha = alphaSetup();
        Instant start = minutesFromNow(-150);
        String visitId = deliveredAt(alpha(), alpha.packageId(), alpha.workerId(), start, 40);
        String amendmentId = unique("am");
        ok(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                body(
                                        "amendmentId",
                                        amendmentId,
                                        "checkedOutAt",
                                        start.plusSeconds(3600).toString(),
                                        "reasonCode",
                                        "WRONG_TIME_RECORDED",
                                        "note",
                                        "stayed the hour")),
                201);
        ok(
                council()
                        .post(
                                "/api/v1/visits/" + visitId + "/amendments/" + amendmentId + "/rejection",
                                body("reason", "GPS shows the carer left at 40 minutes")),
                200);
        eventually(() -> {
            var decided = queueItem(council(), "?providerId=" + ALPHA, amendmentId);
            // The contract names PENDING and APPROVED; a rejected one is read as REJECTED.
            assertThat(decided.path("status").asString()).isEqualTo("REJECTED");
            assertThat(decided.path("decidedBy").asString()).isEqualTo("council");
        });
        var visit = visitView(alpha(), visitId);
        assertThat(visit.path("deliveredMinutes").asInt()).isEqualTo(40);
        assertThat(visit.path("billableMinutes").asInt()).isEqualTo(40);
        assertThat(visit.path("checkedOutAt").asString())
                .isEqualTo(start.plusSeconds(40 * 60).toString());
        assertThat(visit.path("verification").asString()).isEqualTo("VERIFIED");
    }

    @Test
    @DisplayName("one open amendment per visit: a second is 422 amendment-pending until the first is decided")
    void oneOpenAmendmentPerVisit() {
        var alpha = alphaSetup();
        Instant start = minutesFromNow(-150);
        String visitId = deliveredAt(alpha(), alpha.packageId(), alpha.workerId(), start, 40);
        String first = unique("am");
        ok(alpha().post("/api/v1/visits/" + visitId + "/amendments", amendment(first, start.plusSeconds(3000))), 201);

        refused(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                amendment(unique("am"), start.plusSeconds(3300))),
                422,
                "amendment-pending");

        ok(
                council()
                        .post(
                                "/api/v1/visits/" + visitId + "/amendments/" + first + "/rejection",
                                body("reason", "not evidenced")),
                200);
        ok(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                amendment(unique("am"), start.plusSeconds(3300))),
                201);
    }

    @Test
    @DisplayName("reason code OTHER without a note is 422 note-required; with a note it is recorded")
    void noteRequiredForOther() {
        var alpha = alphaSetup();
        Instant start = minutesFromNow(-150);
        String visitId = deliveredAt(alpha(), alpha.packageId(), alpha.workerId(), start, 40);
        // Read as: the note left out altogether (a blank one is read the same way).
        refused(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                body(
                                        "amendmentId",
                                        unique("am"),
                                        "checkedOutAt",
                                        start.plusSeconds(3600).toString(),
                                        "reasonCode",
                                        "OTHER")),
                422,
                "note-required");
        ok(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                body(
                                        "amendmentId",
                                        unique("am"),
                                        "checkedOutAt",
                                        start.plusSeconds(3600).toString(),
                                        "reasonCode",
                                        "OTHER",
                                        "note",
                                        "client's daughter confirmed")),
                201);
    }

    @Test
    @DisplayName("no amendment after the lock period (90 days after the visit): 422 amendment-locked")
    void amendmentLockedAfterTheLockPeriod() {
        var alpha = alphaSetup();
        Instant longAgo = at(today().minusDays(100), 12);
        String visitId = unique("v");
        var scheduled =
                alpha().put("/api/v1/visits/" + visitId, visit(alpha.packageId(), alpha.workerId(), longAgo, 60));
        Assumptions.assumeTrue(
                scheduled.status() == 201,
                "the API cannot schedule a visit planned 100 days ago: " + scheduled.status() + " " + scheduled.text());
        checkInOut(alpha(), visitId, longAgo, 60, "APP_GPS", "APP_GPS");

        refused(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                amendment(unique("am"), longAgo.plusSeconds(45 * 60))),
                422,
                "amendment-locked");
    }

    @Test
    @DisplayName("the amendment queue: a provider sees its own, another provider neither sees nor amends it")
    void queueIsScopedAndFourEyes() {
        admitted(BETA);
        var alpha = alphaSetup();
        Instant start = minutesFromNow(-150);
        String visitId = deliveredAt(alpha(), alpha.packageId(), alpha.workerId(), start, 40);
        String amendmentId = unique("am");
        ok(
                alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                amendment(amendmentId, start.plusSeconds(3000))),
                201);

        eventually(() -> assertThat(queueItem(alpha(), "?status=PENDING", amendmentId)
                        .path("visitId")
                        .asString())
                .isEqualTo(visitId));
        var betaQueue = beta().get("/api/v1/amendments");
        assertThat(betaQueue.status()).as(betaQueue.text()).isEqualTo(200);
        assertThat(items(betaQueue.json()))
                .noneMatch(item -> item.path("amendmentId").asString().equals(amendmentId))
                .allMatch(item -> item.path("providerId").asString().equals(BETA));
        assertThat(beta().post(
                                "/api/v1/visits/" + visitId + "/amendments",
                                amendment(unique("am"), start.plusSeconds(3000)))
                        .status())
                .as("another provider's visit is unknown to it")
                .isEqualTo(404);
        // Approval is the council's: the provider that asked may not approve its own amendment.
        assertThat(alpha().post(
                                "/api/v1/visits/" + visitId + "/amendments/" + amendmentId + "/approval",
                                body("note", "self-approved"))
                        .status())
                .isEqualTo(403);
        assertThat(items(council().get("/api/v1/amendments?status=APPROVED").json()))
                .noneMatch(item -> item.path("amendmentId").asString().equals(amendmentId));
    }

    // ---- helpers ----

    /** Alpha (user alpha) with a worker of its own and a package started long ago, accepted by alpha. */
    private Setup alphaSetup() {
        admitted(ALPHA);
        String workerId = worker(alpha(), ALPHA);
        String clientRef = unique("C");
        String packageId = commissioned(clientRef, "north", 420, 2400, today().minusDays(400));
        placed(alpha(), packageId, ALPHA);
        return new Setup(ALPHA, workerId, packageId, clientRef, "north");
    }

    private static java.util.Map<String, Object> amendment(String amendmentId, Instant checkedOutAt) {
        return body(
                "amendmentId",
                amendmentId,
                "checkedOutAt",
                checkedOutAt.toString(),
                "reasonCode",
                "WRONG_TIME_RECORDED",
                "note",
                "time on the device was wrong");
    }

    private JsonNode queueItem(Api as, String query, String amendmentId) {
        var response = as.get("/api/v1/amendments" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return itemWith(items(response.json()), "amendmentId", amendmentId).orElseThrow();
    }
}
