package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The service itself notices a visit nobody checked in to, by a persistent deadline at planned start + 120 min. */
class MissedVisitDetectionTest extends ApiTestSupport {

    @Test
    @DisplayName("the missed-visit deadline fires by itself at planned start plus the threshold")
    void deadlineFires() {
        var roster = alphaRoster();
        // Planned 120 minutes minus 30 seconds ago: missed in 30 seconds, a margin a loaded machine keeps. Past its
        // late moment already, so it is overdue at once.
        var plannedStart = Instant.now().minusSeconds(120 * 60 - 30);
        String visitId = scheduled(roster, plannedStart, 60);
        assertThat(eventTypes(StreamIds.visit(visitId))).containsExactly("VisitScheduled", "AlertRaised");

        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(eventTypes(StreamIds.visit(visitId)))
                        .containsExactly("VisitScheduled", "AlertRaised", "VisitMissed", "AlertRaised"));
        eventually(() -> {
            var visit = alpha().get("/api/v1/visits/" + visitId).json();
            assertThat(visit.path("status").asString()).isEqualTo("MISSED");
            assertThat(visit.path("missedAlerted").asBoolean()).isTrue();
        });
        assertThat(eventMetaData(StreamIds.visit(visitId)).get(2))
                .as("the service, not a user, recorded the miss")
                .containsEntry("role", "SYSTEM")
                .containsEntry("principal", "carebank:missed-visit-detector");
    }

    @Test
    @DisplayName("a visit scheduled after its missed moment is missed at once; a late check-in still delivers it")
    void missedAtOnceThenDeliveredLate() {
        var roster = alphaRoster();
        var plannedStart = minutesFromNow(-180);
        String visitId = scheduled(roster, plannedStart, 60);
        assertThat(eventTypes(StreamIds.visit(visitId)))
                .containsExactly("VisitScheduled", "VisitMissed", "AlertRaised");

        var at = plannedStart.plusSeconds(170 * 60);
        assertThat(alpha().post(
                                "/api/v1/visits/" + visitId + "/check-in",
                                Map.of("at", at.toString(), "method", "APP_GPS"))
                        .status())
                .isEqualTo(200);
        assertThat(alpha().post(
                                "/api/v1/visits/" + visitId + "/check-out",
                                Map.of(
                                        "at",
                                        at.plusSeconds(60 * 60).toString(),
                                        "method",
                                        "APP_GPS",
                                        "endedEarlyAtClientRequest",
                                        false))
                        .status())
                .isEqualTo(200);
        eventually(() -> {
            var visit = alpha().get("/api/v1/visits/" + visitId).json();
            assertThat(visit.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(visit.path("late").asBoolean()).isTrue();
            assertThat(visit.path("missedAlerted").asBoolean())
                    .as("the alert stays in the history")
                    .isTrue();
        });
        assertThat(eventTypes(StreamIds.visit(visitId))).contains("VisitMissed", "AlertResolved", "VisitDelivered");
    }

    @Test
    @DisplayName("a rescheduled visit is judged by its new time, not by the deadline set for the old one")
    void rescheduleMovesTheDeadline() throws InterruptedException {
        var roster = alphaRoster();
        var oldMissedAt = Instant.now().plusSeconds(15);
        String visitId = scheduled(roster, oldMissedAt.minusSeconds(120 * 60), 60);
        var later = minutesFromNow(60);
        assertThat(alpha().post(
                                "/api/v1/visits/" + visitId + "/reschedule",
                                Map.of("plannedStart", later.toString(), "plannedMinutes", 60))
                        .status())
                .isEqualTo(200);
        long wait = Duration.between(Instant.now(), oldMissedAt).toMillis() + 3_000;
        Thread.sleep(Math.max(0, wait)); // past the old deadline, and several scheduler polls
        assertThat(eventTypes(StreamIds.visit(visitId)))
                .as("overdue at once, resolved by the reschedule, and never missed")
                .containsExactly("VisitScheduled", "AlertRaised", "VisitRescheduled", "AlertResolved");
    }

    @Test
    @DisplayName("the deadline survives a restart: stored before the stop, it fires after the start")
    void deadlineSurvivesRestart() throws InterruptedException {
        String visitId = unique("v");
        Instant dueAt;
        try (var service = RunningService.start("missed_restart")) {
            var council = service.as("council");
            var alpha = service.as("alpha");
            council.post("/api/v1/providers", admission(ALPHA, cqc("GOOD", "GOOD")));
            String workerId = worker(alpha, ALPHA);
            String packageId = activePackage(council, alpha, ALPHA, unique("C"), false);
            var plannedStart = Instant.now().minusSeconds(120 * 60 - 30);
            dueAt = plannedStart.plusSeconds(120 * 60);
            var scheduled = alpha.put("/api/v1/visits/" + visitId, visit(packageId, workerId, plannedStart, 60));
            assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(201);
            eventually(() ->
                    assertThat(alpha.get("/api/v1/visits/" + visitId).status()).isEqualTo(200));
        }
        long wait = java.time.Duration.between(Instant.now(), dueAt).toMillis() + 500;
        if (wait > 0) {
            Thread.sleep(wait); // the service is down when the visit becomes missed
        }
        try (var service = RunningService.start("missed_restart")) {
            var alpha = service.as("alpha");
            eventually(() -> assertThat(alpha.get("/api/v1/visits/" + visitId)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("MISSED"));
        }
    }
}
