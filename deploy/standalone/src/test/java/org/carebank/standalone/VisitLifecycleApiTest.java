package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VisitLifecycleApiTest extends ApiTestSupport {

    @Test
    @DisplayName("a visit goes from roster to delivered, with billing, through the HTTP API")
    void wholeVisitLifecycle() {
        var roster = alphaRoster();
        var start = minutesFromNow(-30);
        String visitId = scheduled(roster, start, 60);

        var checkIn = alpha().post(
                        "/api/v1/visits/" + visitId + "/check-in",
                        Map.of("at", start.plusSeconds(35 * 60).toString(), "method", "APP_GPS"));
        assertThat(checkIn.status()).as(checkIn.text()).isEqualTo(200);
        var checkOut = alpha().post(
                        "/api/v1/visits/" + visitId + "/check-out",
                        Map.of(
                                "at",
                                start.plusSeconds(80 * 60).toString(),
                                "method",
                                "TELEPHONY",
                                "endedEarlyAtClientRequest",
                                true));
        assertThat(checkOut.status()).as(checkOut.text()).isEqualTo(200);

        eventually(() -> {
            var visit = alpha().get("/api/v1/visits/" + visitId).json();
            assertThat(visit.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(visit.path("late").asBoolean())
                    .as("checked in 35 minutes after planned start")
                    .isTrue();
            assertThat(visit.path("deliveredMinutes").asInt()).isEqualTo(45);
            assertThat(visit.path("short").asBoolean())
                    .as("ended early at the client's request")
                    .isFalse();
            assertThat(visit.path("unusedMinutes").asInt()).isEqualTo(15);
            assertThat(visit.path("billableMinutes").asInt()).isEqualTo(45);
            assertThat(visit.path("billablePence").asLong())
                    .as("45 minutes at 2400p an hour")
                    .isEqualTo(1800);
            assertThat(visit.path("billingRule").asString()).isEqualTo("ACTUAL");
            assertThat(visit.path("providerId").asString()).isEqualTo(ALPHA);
            assertThat(visit.path("checkedInAt").asString())
                    .isEqualTo(start.plusSeconds(35 * 60).toString());
        });
        assertThat(eventTypes(StreamIds.visit(visitId)))
                .as("scheduled at its late moment: overdue at once, resolved by the check-in")
                .containsExactly(
                        "VisitScheduled",
                        "AlertRaised",
                        "VisitCheckedIn",
                        "AlertResolved",
                        "VisitCheckedOut",
                        "VisitDelivered",
                        "DeliveryVerified");
    }

    @Test
    @DisplayName("every event records who sent the command: principal, role and provider")
    void eventsCarryTheCaller() {
        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(60), 45);
        var cancel = council()
                .post(
                        "/api/v1/visits/" + visitId + "/cancellation",
                        Map.of("initiatedBy", "CLIENT", "reason", "in hospital"));
        assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);

        var metaData = eventMetaData(StreamIds.visit(visitId));
        assertThat(metaData).hasSize(2);
        assertThat(metaData.get(0))
                .containsEntry("principal", "alpha")
                .containsEntry("role", "PROVIDER")
                .containsEntry("providerId", ALPHA)
                .containsKey("correlationId");
        assertThat(metaData.get(1)).containsEntry("principal", "council").containsEntry("role", "COUNCIL");
        assertThat(metaData.get(1)).doesNotContainKey("providerId");
    }

    @Test
    @DisplayName("PUT of a visit is idempotent: same body 200 and no event, different body 409 and no event")
    void scheduleIsIdempotent() {
        var roster = alphaRoster();
        var start = minutesFromNow(120);
        var body = visit(roster.packageId(), roster.workerId(), start, 60);
        String visitId = unique("v");

        assertThat(alpha().put("/api/v1/visits/" + visitId, body).status()).isEqualTo(201);
        long events = eventCount();
        var again = alpha().put("/api/v1/visits/" + visitId, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("outcome").asString()).isEqualTo("ALREADY_RECORDED");

        body.put("plannedMinutes", 90);
        var different = alpha().put("/api/v1/visits/" + visitId, body);
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.problemType()).isEqualTo("/problems/visit-id-reused");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    @DisplayName("reschedule, reassign and cancel are recorded, and the visit view follows them")
    void rescheduleReassignCancel() {
        var roster = alphaRoster();
        String otherWorker = worker(alpha(), ALPHA);
        String visitId = scheduled(roster, minutesFromNow(24 * 60), 60);
        var newStart = minutesFromNow(26 * 60);

        assertThat(alpha().post(
                                "/api/v1/visits/" + visitId + "/reschedule",
                                Map.of("plannedStart", newStart.toString(), "plannedMinutes", 45))
                        .status())
                .isEqualTo(200);
        assertThat(alpha().post("/api/v1/visits/" + visitId + "/reassignment", Map.of("workerId", otherWorker))
                        .status())
                .isEqualTo(200);
        assertThat(alpha().post(
                                "/api/v1/visits/" + visitId + "/cancellation",
                                Map.of("initiatedBy", "PROVIDER", "reason", "no staff"))
                        .status())
                .isEqualTo(200);

        eventually(() -> {
            var visit = council().get("/api/v1/visits/" + visitId).json();
            assertThat(visit.path("status").asString()).isEqualTo("CANCELLED");
            assertThat(visit.path("plannedStart").asString()).isEqualTo(newStart.toString());
            assertThat(visit.path("plannedMinutes").asInt()).isEqualTo(45);
            assertThat(visit.path("workerId").asString()).isEqualTo(otherWorker);
            assertThat(visit.path("cancelledBy").asString()).isEqualTo("PROVIDER");
            assertThat(visit.path("noticeMinutes").asLong()).isBetween(26L * 60 - 2, 26L * 60);
        });
        // Cancelling freed the worker's slot: booking that worker again at the same time is allowed.
        var rebooked =
                alpha().put("/api/v1/visits/" + unique("v"), visit(roster.packageId(), otherWorker, newStart, 45));
        assertThat(rebooked.status()).as(rebooked.text()).isEqualTo(201);
    }

    @Test
    @DisplayName("delivered minutes can be recorded without ECM, with a reason")
    void deliveryWithoutEcm() {
        var roster = alphaRoster();
        var start = minutesFromNow(-90);
        String visitId = scheduled(roster, start, 60);
        var response = alpha().post(
                        "/api/v1/visits/" + visitId + "/delivery",
                        Map.of(
                                "startedAt",
                                start.toString(),
                                "deliveredMinutes",
                                40,
                                "endedEarlyAtClientRequest",
                                false,
                                "reason",
                                "phone signal down, paper timesheet"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        eventually(() -> {
            var visit = alpha().get("/api/v1/visits/" + visitId).json();
            assertThat(visit.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(visit.path("deliveredMinutes").asInt()).isEqualTo(40);
            assertThat(visit.path("short").asBoolean())
                    .as("40 of 60 is below 85%")
                    .isTrue();
            assertThat(visit.path("unusedMinutes").asInt()).isZero();
        });
    }

    @Test
    @DisplayName("the visit list filters by provider, worker and status, paged")
    void visitList() {
        var roster = alphaRoster();
        String first = scheduled(roster, minutesFromNow(3 * 24 * 60), 30);
        String second = scheduled(roster, minutesFromNow(3 * 24 * 60 + 60), 30);
        eventually(() -> {
            var page = council().get("/api/v1/visits?workerId=" + roster.workerId() + "&status=SCHEDULED&size=1");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("total").asLong()).isEqualTo(2);
            assertThat(page.json().path("items").get(0).path("visitId").asString())
                    .isEqualTo(first);
        });
        var secondPage = council().get("/api/v1/visits?workerId=" + roster.workerId() + "&size=1&page=1");
        assertThat(secondPage.json().path("items").get(0).path("visitId").asString())
                .isEqualTo(second);
    }

    @Test
    @DisplayName("ids are the callers' own, per kind: a provider, a package and a visit may share one")
    void sameIdForDifferentKinds() {
        String shared = unique("same");
        admitted(shared);
        String workerId = worker(council(), shared);
        var commission = Map.<String, Object>of(
                "packageId",
                shared,
                "clientRef",
                unique("C"),
                "zone",
                "north",
                "weeklyMinutes",
                120,
                "hourlyRatePence",
                2000,
                "timeBanking",
                false,
                "startsOn",
                "2026-01-01");
        assertThat(council().post("/api/v1/packages", commission).status()).isEqualTo(201);
        council().post("/api/v1/packages/" + shared + "/offers", Map.of("providerId", shared));
        council().post("/api/v1/packages/" + shared + "/acceptance", Map.of("providerId", shared));
        var scheduled = council().put("/api/v1/visits/" + shared, visit(shared, workerId, minutesFromNow(300), 60));
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(201);

        assertThat(eventTypes(StreamIds.provider(shared))).containsExactly("ProviderAdmitted", "WorkerRegistered");
        assertThat(eventTypes(StreamIds.carePackage(shared)))
                .containsExactly("PackageCommissioned", "PackageOffered", "PackageAccepted");
        assertThat(eventTypes(StreamIds.visit(shared))).containsExactly("VisitScheduled");
    }
}
