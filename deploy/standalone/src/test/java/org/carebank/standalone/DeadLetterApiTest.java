package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.VisitCancelled;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, "no input can stop a projection", on PostgreSQL: an event the visit view cannot write (a cancellation whose
 * reason holds NUL, which PostgreSQL refuses, appended around the edge as any bug or old data could) is parked as a dead
 * letter, alone, and the view goes on with every other visit. ADMIN sees the letter (and only ADMIN), as do the gauge
 * and the health component; a letter retried after a fix is written in order with the events parked behind it, and
 * one that cannot be fixed is evicted.
 */
@DisplayName("Dead letters: a poison event is parked, the projection goes on, ADMIN retries or evicts it")
class DeadLetterApiTest extends ApiTestSupport {

    private static final String VIEWS = "visit-views";
    private static final String REFUSED_MINUTES_CHECK = "dead_letter_test_refuses_47";

    @Autowired
    EventStore eventStore;

    @Autowired
    TransactionManager transactionManager;

    @Test
    @DisplayName(
            "a NUL cancellation is parked while later visits appear; a parked sequence is retried in order after a fix")
    void poisonEventIsParkedAndTheViewGoesOn() {
        try (var log = CapturedLog.open()) {
            var roster = alphaRoster();
            var admin = as("admin");

            // (a) a poison event around the edge, then a visit scheduled after it: the view still follows
            String poisoned = poisonedVisit(roster, "client in hospital\u0000");
            String later = scheduled(roster, minutesFromNow(26 * 60), 60);
            eventually(() -> assertThat(visitIdsOf(alpha().get("/api/v1/visits?providerId=" + ALPHA + "&size=500")))
                    .contains(later));
            assertThat(view(poisoned).path("status").asString()).isEqualTo("SCHEDULED");

            // (b) the letter is listed for ADMIN, without its payload; nobody else may see the list
            eventually(() -> assertThat(lettersOf(admin, "visit:" + poisoned)).hasSize(1));
            JsonNode letter = lettersOf(admin, "visit:" + poisoned).get(0);
            assertThat(letter.path("eventType").asString()).isEqualTo("VisitCancelled");
            assertThat(letter.path("aggregateId").asString()).isEqualTo("visit:" + poisoned);
            assertThat(letter.path("globalPosition").asLong()).isPositive();
            assertThat(letter.path("causeType").asString()).isNotBlank();
            assertThat(letter.path("causeMessage").asString()).isNotBlank();
            assertThat(letter.path("enqueuedAt").asString()).isNotBlank();
            assertThat(letter.path("attempts").asInt()).isEqualTo(1);
            assertThat(admin.get("/api/v1/admin/dead-letters").text()).doesNotContain("client in hospital");
            for (String user : List.of("council", "auditor", "alpha")) {
                var refused = as(user).get("/api/v1/admin/dead-letters");
                assertThat(refused.status()).as(user).isEqualTo(403);
                assertThat(refused.isProblem()).as(user).isTrue();
            }

            // ... and the gauge and the health component count it, without taking readiness down
            long parked =
                    admin.get("/api/v1/admin/dead-letters").json().path(VIEWS).size();
            assertThat(gauge(VIEWS)).isEqualTo(parked);
            var health = admin.get("/actuator/health/deadLetters").json();
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("details").path(VIEWS).asLong()).isEqualTo(parked);
            assertThat(as(null).get("/actuator/health/readiness")
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("UP");

            // (c) a sequence parked by a write the database refuses for now; a later event of the same visit waits
            String held = scheduled(roster, minutesFromNow(28 * 60), 60);
            eventually(() ->
                    assertThat(alpha().get("/api/v1/visits/" + held).status()).isEqualTo(200));
            String otherWorker = worker(alpha(), ALPHA);
            jdbc.sql("ALTER TABLE visit_view ADD CONSTRAINT " + REFUSED_MINUTES_CHECK
                            + " CHECK (planned_minutes <> 47)")
                    .update();
            try {
                var rescheduled = alpha().post(
                                "/api/v1/visits/" + held + "/reschedule",
                                Map.of("plannedStart", minutesFromNow(28 * 60).toString(), "plannedMinutes", 47));
                assertThat(rescheduled.status()).as(rescheduled.text()).isEqualTo(200);
                eventually(() -> assertThat(lettersOf(admin, "visit:" + held)).hasSize(1));
                var reassigned =
                        alpha().post("/api/v1/visits/" + held + "/reassignment", Map.of("workerId", otherWorker));
                assertThat(reassigned.status()).as(reassigned.text()).isEqualTo(200);
                String afterThem = scheduled(roster, minutesFromNow(30 * 60), 60);
                eventually(() -> assertThat(
                                alpha().get("/api/v1/visits/" + afterThem).status())
                        .isEqualTo(200));
                eventually(() -> assertThat(lettersOf(admin, "visit:" + held)).hasSize(2));
                var sequence = lettersOf(admin, "visit:" + held);
                assertThat(sequence.get(0).path("eventType").asString()).isEqualTo("VisitRescheduled");
                assertThat(sequence.get(1).path("eventType").asString()).isEqualTo("VisitReassigned");
                // the later event is not written ahead of the parked one: the view shows neither
                assertThat(view(held).path("plannedMinutes").asInt()).isEqualTo(60);
                assertThat(view(held).path("workerId").asString()).isEqualTo(roster.workerId());

                // a retry before the fix keeps the letters and counts the attempt
                var unfixed = admin.post("/api/v1/admin/dead-letters/" + VIEWS + "/retry", Map.of());
                assertThat(unfixed.status()).as(unfixed.text()).isEqualTo(200);
                assertThat(lettersOf(admin, "visit:" + held)).hasSize(2);
                assertThat(lettersOf(admin, "visit:" + held)
                                .get(0)
                                .path("attempts")
                                .asInt())
                        .isEqualTo(2);
            } finally {
                jdbc.sql("ALTER TABLE visit_view DROP CONSTRAINT IF EXISTS " + REFUSED_MINUTES_CHECK)
                        .update();
            }

            // the fix is in: the retry writes the sequence, in order, and its letters leave the queue
            var retried = admin.post("/api/v1/admin/dead-letters/" + VIEWS + "/retry", Map.of());
            assertThat(retried.status()).as(retried.text()).isEqualTo(200);
            assertThat(retried.json().path("written").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(lettersOf(admin, "visit:" + held)).isEmpty();
            assertThat(view(held).path("plannedMinutes").asInt()).isEqualTo(47);
            assertThat(view(held).path("workerId").asString()).isEqualTo(otherWorker);
            // the NUL still cannot be written: its letter stays
            assertThat(lettersOf(admin, "visit:" + poisoned)).hasSize(1);

            // (d) evict the letter that no fix will write; unknown groups and sequences are problem+json 404s
            var evicted = admin.send("DELETE", "/api/v1/admin/dead-letters/" + VIEWS + "/visit:" + poisoned);
            assertThat(evicted.status()).as(evicted.text()).isEqualTo(204);
            assertThat(lettersOf(admin, "visit:" + poisoned)).isEmpty();
            var again = admin.send("DELETE", "/api/v1/admin/dead-letters/" + VIEWS + "/visit:" + poisoned);
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.isProblem()).isTrue();
            assertThat(again.problemType()).isEqualTo("/problems/unknown-dead-letter");
            for (var unknown : List.of(
                    admin.get("/api/v1/admin/dead-letters/no-such-views"),
                    admin.post("/api/v1/admin/dead-letters/no-such-views/retry", Map.of()),
                    admin.send("DELETE", "/api/v1/admin/dead-letters/command-lookups/visit:" + poisoned))) {
                assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
                assertThat(unknown.isProblem()).isTrue();
                assertThat(unknown.problemType()).isEqualTo("/problems/unknown-projection");
            }

            assertThat(log.errorsAndStackTraces()).isEmpty();
            assertThat(log.messages())
                    .anyMatch(line -> line.startsWith("Parked VisitCancelled of visit:" + poisoned))
                    .noneMatch(line -> line.contains("client in hospital"));
        }
    }

    @Test
    @DisplayName("a projection that writes in its handlers parks the event too, on PostgreSQL, and goes on")
    void handlerWritesAreParkedToo() {
        try (var log = CapturedLog.open()) {
            var admin = as("admin");
            String refused = unique("dl-provider");
            String next = unique("dl-provider");
            String constraint = "dead_letter_test_refuses_provider";
            jdbc.sql("ALTER TABLE provider_view ADD CONSTRAINT " + constraint + " CHECK (provider_id <> '" + refused
                            + "')")
                    .update();
            try {
                admitted(refused);
                admitted(next);
                eventually(() -> assertThat(
                                council().get("/api/v1/providers/" + next).status())
                        .isEqualTo(200));
                eventually(() -> assertThat(providerLetters(admin, "provider:" + refused))
                        .hasSize(1));
                assertThat(council().get("/api/v1/providers/" + refused).status())
                        .isEqualTo(404);
            } finally {
                jdbc.sql("ALTER TABLE provider_view DROP CONSTRAINT IF EXISTS " + constraint)
                        .update();
            }
            var retried = admin.post("/api/v1/admin/dead-letters/provider-views/retry", Map.of());
            assertThat(retried.status()).as(retried.text()).isEqualTo(200);
            assertThat(providerLetters(admin, "provider:" + refused)).isEmpty();
            assertThat(council().get("/api/v1/providers/" + refused).status()).isEqualTo(200);
            assertThat(log.errorsAndStackTraces()).isEmpty();
        }
    }

    @Test
    @DisplayName("every projection rebuilt together: a poison event is parked again for the projection it fails in, the"
            + " others and later events are rebuilt whole")
    void jointRebuildParksThePoisonEventForItsProjectionAlone() {
        try (var log = CapturedLog.open()) {
            var roster = alphaRoster();
            var admin = as("admin");
            String poisoned = poisonedVisit(roster, "client moved away\u0000");
            String later = scheduled(roster, minutesFromNow(26 * 60), 60);
            eventually(() -> assertThat(lettersOf(admin, "visit:" + poisoned)).hasSize(1));
            eventually(() ->
                    assertThat(alpha().get("/api/v1/visits/" + later).status()).isEqualTo(200));
            var parkedBefore = parkingGroups(admin, "visit:" + poisoned);
            assertThat(parkedBefore).contains(VIEWS);
            var packageBefore =
                    alpha().get("/api/v1/packages/" + roster.packageId()).json();

            var started = admin.post("/api/v1/admin/projections/rebuild", Map.of());
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            started.json()
                    .forEach(projection -> awaitLive(projection.path("name").asString()));

            // cleared by the reset and parked again by the joint replay, in the same projections as live
            assertThat(parkingGroups(admin, "visit:" + poisoned)).isEqualTo(parkedBefore);
            assertThat(lettersOf(admin, "visit:" + poisoned)).hasSize(1);
            assertThat(view(poisoned).path("status").asString()).isEqualTo("SCHEDULED");
            assertThat(view(later).path("status").asString()).isEqualTo("SCHEDULED");
            assertThat(alpha().get("/api/v1/packages/" + roster.packageId()).json())
                    .isEqualTo(packageBefore);
            assertThat(log.errorsAndStackTraces()).isEmpty();
            assertThat(log.messages())
                    .noneMatch(line -> line.contains("client moved away"))
                    .noneMatch(line -> line.contains("left the joint rebuild"));
            assertThat(RebuildApiTest.jointReplayPositions(log.messages()))
                    .as("rebuilt by the joint replay, not left to the processors")
                    .singleElement()
                    .satisfies(position -> assertThat(position).isPositive());
        }
    }

    /** The projections holding a letter of the aggregate. */
    private static List<String> parkingGroups(Api admin, String aggregateId) {
        var groups = new ArrayList<String>();
        admin.get("/api/v1/admin/dead-letters").json().properties().forEach(group -> {
            for (JsonNode letter : group.getValue()) {
                if (aggregateId.equals(letter.path("aggregateId").asString())) {
                    groups.add(group.getKey());
                    return;
                }
            }
        });
        return groups;
    }

    private static List<JsonNode> providerLetters(Api admin, String aggregateId) {
        var letters = new ArrayList<JsonNode>();
        admin.get("/api/v1/admin/dead-letters/provider-views").json().forEach(letter -> {
            if (aggregateId.equals(letter.path("aggregateId").asString())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    /** A visit scheduled tomorrow, then cancelled with {@code reason} straight in the store, past the edge's checks. */
    private String poisonedVisit(Roster roster, String reason) {
        String visitId = scheduled(roster, minutesFromNow(24 * 60), 60);
        eventually(() ->
                assertThat(alpha().get("/api/v1/visits/" + visitId).status()).isEqualTo(200));
        appendCancellation(visitId, reason);
        return visitId;
    }

    /** Appends a cancellation straight to the store, as a bug or data from before the edge's checks could. */
    private void appendCancellation(String visitId, String reason) {
        String streamId = "visit:" + visitId;
        var last = jdbc.sql(
                        "SELECT type, MAX(sequencenumber) AS last FROM domainevententry WHERE aggregateidentifier = ?"
                                + " GROUP BY type")
                .param(streamId)
                .query((row, n) -> Map.entry(row.getString("type"), row.getLong("last")))
                .single();
        var view = view(visitId);
        Instant plannedStart = Instant.parse(view.path("plannedStart").asString());
        Instant now = Instant.now();
        var cancelled = new VisitCancelled(
                visitId,
                ALPHA,
                view.path("workerId").asString(),
                CancellationInitiator.CLIENT,
                reason,
                now,
                plannedStart,
                java.time.Duration.between(now, plannedStart).toMinutes());
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> eventStore.publish(
                new GenericDomainEventMessage<>(last.getKey(), streamId, last.getValue() + 1, cancelled)));
    }

    private JsonNode view(String visitId) {
        var response = alpha().get("/api/v1/visits/" + visitId);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private static List<String> visitIdsOf(Api.Response page) {
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        var ids = new ArrayList<String>();
        page.json().path("items").forEach(item -> ids.add(item.path("visitId").asString()));
        return ids;
    }

    private static List<JsonNode> lettersOf(Api admin, String aggregateId) {
        var response = admin.get("/api/v1/admin/dead-letters/" + VIEWS);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        var letters = new ArrayList<JsonNode>();
        response.json().forEach(letter -> {
            if (aggregateId.equals(letter.path("aggregateId").asString())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private long gauge(String processingGroup) {
        var prometheus = as(null).get("/actuator/prometheus").text();
        return prometheus
                .lines()
                .filter(line -> line.startsWith("carebank_dead_letters{")
                        && line.contains("processing_group=\"" + processingGroup + "\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no carebank_dead_letters gauge for " + processingGroup));
    }
}
