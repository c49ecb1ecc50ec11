package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Visit maintenance end to end on PostgreSQL: a check-out never sent is amended by the provider and approved by the
 * council, and every dashboard figure follows (visit, travel, performance, Charter, pay, time bank); a rejection
 * moves nothing; the rules answer problem+json; a rebuild of every projection gives the live answers again.
 */
class VisitAmendmentApiTest extends AuditTestSupport {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** The figures the dashboards show for one visit's provider, worker and day. */
    private record Figures(
            JsonNode visit, JsonNode performance, JsonNode travel, JsonNode charter, JsonNode pay, String workerId) {

        int delivered() {
            return performance.path("visitsDelivered").asInt();
        }

        long deliveredMinutes() {
            return performance.path("deliveredMinutes").asLong();
        }

        int contactMinutes() {
            return travel.path("contactMinutes").asInt();
        }

        long charterDeliveredVisits() {
            for (JsonNode measure : charter.path("measures")) {
                if (measure.path("measure").asString().equals("RUSHED_TRANSITIONS_PER_100_VISITS")) {
                    return measure.path("basis").asLong();
                }
            }
            throw new AssertionError("no rushed transitions measure in " + charter);
        }

        int paidContactMinutes() {
            for (JsonNode worker : pay.path("workers")) {
                if (worker.path("workerId").asString().equals(workerId)) {
                    return worker.path("contactMinutes").asInt();
                }
            }
            return 0;
        }
    }

    private Figures figures(String visitId, String workerId, Instant start) {
        LocalDate day = LocalDate.ofInstant(start, LONDON);
        String period = "?from=" + day + "&to=" + day;
        return new Figures(
                council().get("/api/v1/visits/" + visitId).json(),
                council()
                        .get("/api/v1/providers/" + ALPHA + "/performance" + period)
                        .json(),
                council()
                        .get("/api/v1/travel/workers/" + workerId + "?date=" + day)
                        .json(),
                council()
                        .get("/api/v1/providers/" + ALPHA + "/charter" + period)
                        .json(),
                council()
                        .get("/api/v1/providers/" + ALPHA + "/pay-compliance?month="
                                + YearMonth.from(day.atStartOfDay()))
                        .json(),
                workerId);
    }

    /** A one-hour visit planned 90 minutes ago, checked in on time by app; the check-out was never sent. */
    private String checkOutMissing(Roster roster, Instant start) {
        String visitId = scheduled(roster, start, 60);
        ok(alpha().post(
                        "/api/v1/visits/" + visitId + "/check-in",
                        Map.of("at", start.toString(), "method", "APP_GPS")));
        eventually(() -> assertThat(council()
                        .get("/api/v1/visits/" + visitId)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("IN_PROGRESS"));
        return visitId;
    }

    private static Map<String, Object> amendment(String amendmentId, Instant checkedOutAt, String reasonCode) {
        var body = new LinkedHashMap<String, Object>();
        body.put("amendmentId", amendmentId);
        body.put("checkedOutAt", checkedOutAt.toString());
        body.put("endedEarlyAtClientRequest", false);
        body.put("reasonCode", reasonCode);
        body.put("note", "the worker's phone battery died before check-out");
        return body;
    }

    private static String amendments(String visitId) {
        return "/api/v1/visits/" + visitId + "/amendments";
    }

    @Test
    @DisplayName("check-out missing -> amendment -> approval: the visit, travel, performance, Charter and pay follow")
    void approvalMovesEveryFigure() {
        var roster = alphaRoster();
        Instant start = minutesFromNow(-90);
        String visitId = checkOutMissing(roster, start);
        var before = figures(visitId, roster.workerId(), start);
        assertThat(before.visit().path("deliveredMinutes").isMissingNode()).isTrue();

        var requested = alpha().post(
                        amendments(visitId), amendment("A-1", start.plusSeconds(55 * 60), "WORKER_DID_NOT_CHECK_OUT"));
        assertThat(requested.status()).as(requested.text()).isEqualTo(201);
        assertThat(requested.json().path("status").asString()).isEqualTo("PENDING");
        var again = alpha().post(
                        amendments(visitId), amendment("A-1", start.plusSeconds(55 * 60), "WORKER_DID_NOT_CHECK_OUT"));
        assertThat(again.status()).as("the same amendment again").isEqualTo(200);

        // The queue: the council sees it with before and after, as JSON and CSV; another provider does not.
        eventually(() -> {
            var queue = council()
                    .get("/api/v1/amendments?providerId=" + ALPHA + "&status=PENDING")
                    .json();
            JsonNode mine = find(queue, visitId);
            assertThat(mine).as("queued").isNotNull();
            assertThat(mine.path("reasonCode").asString()).isEqualTo("WORKER_DID_NOT_CHECK_OUT");
            assertThat(mine.path("before").path("checkedInAt").asString()).isEqualTo(start.toString());
            assertThat(mine.path("before").path("checkedOutAt").isMissingNode()).isTrue();
            assertThat(mine.path("after").path("checkedOutAt").asString())
                    .isEqualTo(start.plusSeconds(55 * 60).toString());
            assertThat(mine.path("after").path("deliveredMinutes").asInt()).isEqualTo(55);
            assertThat(mine.path("requestedBy").asString()).isEqualTo("alpha");
        });
        var csv = council().get("/api/v1/amendments?providerId=" + ALPHA, "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("amendmentId,visitId,").contains("A-1," + visitId + "," + ALPHA);
        assertThat(find(beta().get("/api/v1/amendments").json(), visitId)).isNull();
        assertThat(find(alpha().get("/api/v1/amendments").json(), visitId)).isNotNull();
        assertThat(council()
                        .get("/api/v1/visits/" + visitId)
                        .json()
                        .path("amendment")
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");

        // Only the council decides.
        var byProvider = alpha().post(amendments(visitId) + "/A-1/approval", Map.of());
        assertThat(byProvider.status()).isEqualTo(403);
        assertThat(byProvider.isProblem()).isTrue();

        Instant beforeApproval = Instant.now();
        var approved = council().post(amendments(visitId) + "/A-1/approval", Map.of("note", "phone log seen"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");

        eventually(() -> {
            var after = figures(visitId, roster.workerId(), start);
            JsonNode visit = after.visit();
            assertThat(visit.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(visit.path("deliveredMinutes").asInt()).isEqualTo(55);
            assertThat(visit.path("billableMinutes").asInt()).isEqualTo(55);
            assertThat(visit.path("billablePence").asLong())
                    .as("55 minutes at 2400p an hour")
                    .isEqualTo(2200);
            assertThat(visit.path("short").asBoolean()).isFalse();
            assertThat(visit.path("late").asBoolean()).isFalse();
            assertThat(visit.path("checkedOutAt").asString())
                    .isEqualTo(start.plusSeconds(55 * 60).toString());
            assertThat(visit.path("original").path("checkedInAt").asString()).isEqualTo(start.toString());
            assertThat(visit.path("original").path("checkedOutAt").isMissingNode())
                    .isTrue();
            assertThat(visit.path("verification").asString()).isEqualTo("AMENDED");
            assertThat(visit.path("amendment").path("status").asString()).isEqualTo("APPROVED");

            assertThat(after.delivered()).isEqualTo(before.delivered() + 1);
            assertThat(after.deliveredMinutes()).isEqualTo(before.deliveredMinutes() + 55);
            assertThat(after.performance()
                            .path("amendments")
                            .path("WORKER_DID_NOT_CHECK_OUT")
                            .asInt())
                    .isGreaterThan(before.performance()
                            .path("amendments")
                            .path("WORKER_DID_NOT_CHECK_OUT")
                            .asInt());
            assertThat(after.performance().has("ecmComplianceRate")).isTrue();
            assertThat(after.contactMinutes()).isEqualTo(before.contactMinutes() + 55);
            assertThat(after.charterDeliveredVisits()).isEqualTo(before.charterDeliveredVisits() + 1);
            assertThat(after.paidContactMinutes()).isEqualTo(before.paidContactMinutes() + 55);
        });

        // As of a moment before the approval: the old figures.
        var asOf = council()
                .get("/api/v1/visits/" + visitId + "?asOf=" + beforeApproval)
                .json();
        assertThat(asOf.path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(asOf.path("deliveredMinutes").isMissingNode()).isTrue();
        assertThat(asOf.has("verification") && !asOf.get("verification").isNull())
                .as("no verification before a delivery is recorded")
                .isFalse();
        assertThat(asOf.path("amendment").path("status").asString()).isEqualTo("PENDING");

        // The original ECM times stay in the history.
        assertThat(eventTypes(StreamIds.visit(visitId)))
                .filteredOn(type -> !type.startsWith("Alert")) // planned in the past: overdue at once (issue 20)
                .containsExactly(
                        "VisitScheduled", "VisitCheckedIn", "VisitAmendmentRequested", "VisitAmendmentApproved");
    }

    @Test
    @DisplayName("an amendment rejected moves nothing: visit, travel, performance, Charter and pay stay as they were")
    void rejectionMovesNothing() {
        var roster = alphaRoster();
        Instant start = minutesFromNow(-90);
        String visitId = checkOutMissing(roster, start);
        ok(alpha().post(amendments(visitId), amendment("A-1", start.plusSeconds(60 * 60), "DEVICE_OR_SIGNAL_FAILURE")));
        eventually(() -> assertThat(
                        find(council().get("/api/v1/amendments?status=PENDING").json(), visitId))
                .isNotNull());
        var before = figures(visitId, roster.workerId(), start);

        var noReason = council().post(amendments(visitId) + "/A-1/rejection", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        var rejected = council().post(amendments(visitId) + "/A-1/rejection", Map.of("reason", "no phone log"));
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");
        var thenApproved = council2().post(amendments(visitId) + "/A-1/approval", Map.of());
        assertThat(thenApproved.status()).isEqualTo(409);
        assertThat(thenApproved.problemType()).isEqualTo("/problems/amendment-already-decided");

        eventually(() -> assertThat(
                        find(council().get("/api/v1/amendments?status=REJECTED").json(), visitId))
                .isNotNull());
        eventually(() -> assertThat(council()
                        .get("/api/v1/visits/" + visitId)
                        .json()
                        .path("amendment")
                        .path("status")
                        .asString())
                .isEqualTo("REJECTED"));
        var after = figures(visitId, roster.workerId(), start);
        assertThat(after.visit().path("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(after.visit().has("verification")
                        && !after.visit().get("verification").isNull())
                .as("still no delivery recorded: nothing verified")
                .isFalse();
        assertThat(after.visit().path("original").isMissingNode()).isTrue();
        assertThat(after.delivered()).isEqualTo(before.delivered());
        assertThat(after.deliveredMinutes()).isEqualTo(before.deliveredMinutes());
        assertThat(after.contactMinutes()).isEqualTo(before.contactMinutes());
        assertThat(after.charterDeliveredVisits()).isEqualTo(before.charterDeliveredVisits());
        assertThat(after.paidContactMinutes()).isEqualTo(before.paidContactMinutes());
        assertThat(after.travel()).isEqualTo(before.travel());
        assertThat(after.pay()).isEqualTo(before.pay());
    }

    @Test
    @DisplayName("a deposit larger than the amended visit's unused minutes is taken back by a ledger line naming it")
    void timeBankDepositTakenBack() {
        var roster = alphaRoster();
        String clientRef = clientOf(roster.packageId());
        String visitId = delivered(alpha(), roster, 90, 40, true); // 20 minutes unused
        eventually(() -> {
            var deposit = alpha().post(
                            "/api/v1/clients/" + clientRef + "/time-bank/deposits",
                            Map.of("visitId", visitId, "minutes", 20, "consentBy", "client, by phone"));
            assertThat(deposit.status()).as(deposit.text()).isEqualTo(201);
        });
        Instant start = Instant.parse(council()
                .get("/api/v1/visits/" + visitId)
                .json()
                .path("checkedInAt")
                .asString());
        var body = amendment("A-1", start.plusSeconds(55 * 60), "WRONG_TIME_RECORDED");
        body.put("endedEarlyAtClientRequest", true);
        ok(alpha().post(amendments(visitId), body));
        ok(council().post(amendments(visitId) + "/A-1/approval", Map.of()));

        eventually(() -> {
            var bank =
                    council().get("/api/v1/clients/" + clientRef + "/time-bank").json();
            assertThat(bank.path("balanceMinutes").asInt()).as("5 unused now").isEqualTo(5);
            JsonNode last = null;
            for (JsonNode line : council()
                    .get("/api/v1/clients/" + clientRef + "/time-bank/ledger")
                    .json()) {
                last = line;
            }
            assertThat(last.path("kind").asString()).isEqualTo("ADJUSTED");
            assertThat(last.path("minutes").asInt()).isEqualTo(-15);
            assertThat(last.path("reason").asString()).contains("Amendment A-1 of visit " + visitId);
        });
        // the headroom follows too: the visit now leaves 5 unused, already banked
        assertThat(council()
                        .get("/api/v1/visits/" + visitId)
                        .json()
                        .path("unusedMinutes")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    @DisplayName("not delivered at all: once approved the visit counts as missed, nothing delivered or billed")
    void notDelivered() {
        var roster = alphaRoster();
        String visitId = delivered(alpha(), roster, 90, 60, false);
        var body = new LinkedHashMap<String, Object>();
        body.put("amendmentId", "A-1");
        body.put("notDelivered", true);
        body.put("reasonCode", "VISIT_NOT_DELIVERED");
        body.put("note", "checked in and out at the wrong client");
        ok(alpha().post(amendments(visitId), body));
        ok(council().post(amendments(visitId) + "/A-1/approval", Map.of()));
        eventually(() -> {
            var visit = council().get("/api/v1/visits/" + visitId).json();
            assertThat(visit.path("status").asString()).isEqualTo("MISSED");
            assertThat(visit.path("deliveredMinutes").asInt()).isZero();
            assertThat(visit.path("billablePence").asLong()).isZero();
            assertThat(visit.path("checkedInAt").isMissingNode()).isTrue();
            assertThat(visit.path("original").path("checkedOutAt").isMissingNode())
                    .isFalse();
            assertThat(visit.path("verification").asString()).isEqualTo("AMENDED");
        });
        // nothing left to bank from it
        var deposit = alpha().post(
                        "/api/v1/clients/" + clientOf(roster.packageId()) + "/time-bank/deposits",
                        Map.of("visitId", visitId, "minutes", 5, "consentBy", "client"));
        expectProblem(deposit, 422, "not-unused-time");
    }

    @Test
    @DisplayName("the rules answer problem+json: cancelled, OTHER without a note, one open amendment, four eyes, lock")
    void rulesRefuseClearly() {
        var roster = alphaRoster();
        Instant start = minutesFromNow(-90);

        String cancelled = scheduled(roster, minutesFromNow(120), 60);
        ok(alpha().post(
                        "/api/v1/visits/" + cancelled + "/cancellation",
                        Map.of("initiatedBy", "CLIENT", "reason", "in hospital")));
        expectProblem(
                alpha().post(amendments(cancelled), amendment("A-1", start, "WORKER_DID_NOT_CHECK_OUT")),
                422,
                "amendment-of-cancelled-visit");

        String visitId = checkOutMissing(roster, start);
        var other = amendment("A-1", start.plusSeconds(50 * 60), "OTHER");
        other.remove("note");
        expectProblem(alpha().post(amendments(visitId), other), 422, "note-required");

        // A council member amends; the same member cannot approve (403), another can.
        ok(council()
                .post(amendments(visitId), amendment("A-1", start.plusSeconds(50 * 60), "CLIENT_PHONE_UNAVAILABLE")));
        expectProblem(
                alpha().post(amendments(visitId), amendment("A-2", start.plusSeconds(45 * 60), "OTHER")),
                422,
                "amendment-pending");
        var ownApproval = council().post(amendments(visitId) + "/A-1/approval", Map.of());
        expectProblem(ownApproval, 403, "four-eyes-required");
        assertThat(ownApproval.json().path("requestedBy").asString()).isEqualTo("council");
        ok(council2().post(amendments(visitId) + "/A-1/approval", Map.of()));

        expectProblem(council2().post(amendments(visitId) + "/A-9/approval", Map.of()), 404, "unknown-amendment");
        expectProblem(
                beta().post(amendments(visitId), amendment("A-3", start.plusSeconds(40 * 60), "OTHER")),
                404,
                "unknown-visit");

        // Planned 91 days ago: past the 90-day lock period.
        String old = scheduled(roster, minutesFromNow(-91L * 24 * 60), 60);
        expectProblem(
                alpha().post(amendments(old), amendment("A-1", minutesFromNow(-91L * 24 * 60 - 30), "OTHER")),
                422,
                "amendment-locked");
    }

    @Test
    @DisplayName("replay: a rebuild of every projection after amendments gives the live answers again")
    void replayEqualsLive() {
        approvalMovesEveryFigure();
        var roster = alphaRoster();
        Instant start = minutesFromNow(-90);
        String visitId = checkOutMissing(roster, start);
        ok(alpha().post(amendments(visitId), amendment("A-1", start.plusSeconds(45 * 60), "OTHER")));
        ok(council().post(amendments(visitId) + "/A-1/rejection", Map.of("reason", "no evidence")));

        var names = new ArrayList<String>();
        admin().get("/api/v1/admin/projections")
                .json()
                .forEach(p -> names.add(p.path("name").asString()));
        assertThat(names).contains("visit-views", "amendment-views", "performance-views", "travel-views");
        for (int attempt = 1; ; attempt++) {
            names.forEach(this::awaitCaughtUp);
            long head = storeHead();
            var live = projectionRows();
            var liveAnswer = council().get("/api/v1/visits/" + visitId).json();
            for (String name : names) {
                rebuilt(name);
            }
            if (storeHead() != head && attempt < 3) {
                continue; // a deadline fired meanwhile: compare again on a quiet store
            }
            assertThat(projectionRows()).containsKey("amendment_view").isEqualTo(live);
            assertThat(council().get("/api/v1/visits/" + visitId).json()).isEqualTo(liveAnswer);
            return;
        }
    }

    @Test
    @DisplayName("OpenAPI documents every visit maintenance endpoint with its problem responses")
    void openApiDocumentsTheEndpoints() {
        var paths = new Api(port, null).get("/v3/api-docs").json().path("paths");
        var request = paths.path("/api/v1/visits/{visitId}/amendments").path("post");
        assertThat(request.path("responses").path("422").path("description").asString())
                .contains("amendment-locked", "amendment-pending", "note-required");
        assertThat(paths.path("/api/v1/visits/{visitId}/amendments/{amendmentId}/approval")
                        .path("post")
                        .path("responses")
                        .path("403")
                        .path("description")
                        .asString())
                .contains("four-eyes-required");
        assertThat(paths.path("/api/v1/visits/{visitId}/amendments/{amendmentId}/rejection")
                        .has("post"))
                .isTrue();
        assertThat(paths.path("/api/v1/amendments").has("get")).isTrue();
    }

    private Api council2() {
        return as("council2");
    }

    private void awaitCaughtUp(String projection) {
        eventually(() -> {
            var progress = admin().get("/api/v1/admin/projections/" + projection + "/rebuild")
                    .json();
            assertThat(progress.path("state").asString()).isEqualTo("LIVE");
            assertThat(progress.path("position").asLong()).isGreaterThanOrEqualTo(storeHead());
        });
    }

    private static void expectProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.contentType()).isTrue();
        assertThat(response.problemType()).isEqualTo("/problems/" + type);
    }

    private static JsonNode find(JsonNode queue, String visitId) {
        for (JsonNode amendment : queue) {
            if (amendment.path("visitId").asString().equals(visitId)) {
                return amendment;
            }
        }
        return null;
    }
}
