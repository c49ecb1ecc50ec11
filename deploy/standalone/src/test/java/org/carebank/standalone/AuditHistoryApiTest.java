package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The history of one aggregate, and the metadata every event carries. */
class AuditHistoryApiTest extends AuditTestSupport {

    @Test
    @DisplayName("a stream's history lists every event in order with payload, metadata and its place in the chain")
    void streamHistoryInOrder() {
        var scenario = fullScenario();
        String streamId = StreamIds.visit(scenario.deliveredVisit());

        var history = history(streamId);

        assertThat(history.path("streamId").asString()).isEqualTo(streamId);
        assertThat(history.path("aggregateType").asString()).isEqualTo("Visit");
        var events = list(history.path("events"));
        assertThat(events)
                .extracting(e -> e.path("type").asString().replaceAll(".*\\.", ""))
                .containsExactly(
                        "VisitScheduled",
                        "VisitRescheduled",
                        "VisitCheckedIn",
                        "VisitCheckedOut",
                        "VisitDelivered",
                        "DeliveryVerified");
        assertThat(events).extracting(e -> e.path("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(events)
                .extracting(e -> e.path("position").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        var delivered = events.get(4).path("payload");
        assertThat(delivered.isObject()).as("payload is JSON, not base64").isTrue();
        assertThat(delivered.path("deliveredMinutes").asInt()).isEqualTo(40);
        assertThat(delivered.path("unusedMinutes").asInt()).isEqualTo(20);
        assertThat(events.get(0).path("revision").asString()).isEqualTo("1");
        assertThat(events.get(0).has("storedRevision")).isFalse();
    }

    @Test
    @DisplayName("every event of a full scenario records who, with which role and provider, correlation and causation")
    void metadataOnEveryEvent() throws InterruptedException {
        long before = chainHead();
        var scenario = fullScenario();
        // And one the deadline manager applies by itself, 20 seconds from now (a margin a loaded machine keeps).
        var roster = alphaRoster();
        String byDeadline = scheduled(roster, java.time.Instant.now().minusSeconds(120 * 60 - 20), 60);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(90))
                .untilAsserted(() ->
                        assertThat(eventTypes(StreamIds.visit(byDeadline))).contains("VisitMissed"));

        var events = feedAfter(before, 50);

        assertThat(events).hasSizeGreaterThanOrEqualTo(17);
        for (JsonNode event : events) {
            var metadata = event.path("metadata");
            assertThat(metadata.path("principal").asString())
                    .as(event.toString())
                    .isNotBlank();
            assertThat(metadata.path("role").asString()).as(event.toString()).isIn("COUNCIL", "PROVIDER", "SYSTEM");
            assertThat(metadata.path("correlationId").asString())
                    .as(event.toString())
                    .isNotBlank();
            assertThat(metadata.path("traceId").asString()).as(event.toString()).isNotBlank();
            assertThat(metadata.path("causationId").asString())
                    .as(event.toString())
                    .isNotBlank();
            if (metadata.path("role").asString().equals("PROVIDER")) {
                assertThat(metadata.path("providerId").asString()).isEqualTo(ALPHA);
            }
        }
        var checkOut = list(history(StreamIds.visit(scenario.deliveredVisit())).path("events"))
                .subList(3, 5);
        assertThat(checkOut)
                .as("one command's two events share its id as causation")
                .extracting(e -> e.path("metadata").path("causationId").asString())
                .containsOnly(
                        checkOut.get(0).path("metadata").path("causationId").asString());
        var causes = new HashSet<String>();
        list(history(StreamIds.visit(scenario.deliveredVisit())).path("events"))
                .forEach(e -> causes.add(e.path("metadata").path("causationId").asString()));
        assertThat(causes).as("four commands caused the five events").hasSize(4);

        var missedByDeadline = list(history(StreamIds.visit(byDeadline)).path("events")).stream()
                .filter(event -> event.path("type").asString().endsWith("VisitMissed"))
                .findFirst()
                .orElseThrow();
        assertThat(missedByDeadline.path("metadata").path("role").asString()).isEqualTo("SYSTEM");
        assertThat(missedByDeadline.path("position").isNumber())
                .as("a deadline's event is chained too")
                .isTrue();
        var scheduling =
                list(history(StreamIds.visit(byDeadline)).path("events")).get(0);
        assertThat(missedByDeadline.path("metadata").path("causationId").asString())
                .as("caused by the deadline, not by the scheduling command")
                .isNotEqualTo(scheduling.path("metadata").path("causationId").asString());
        assertThat(missedByDeadline.path("metadata").path("traceId").asString())
                .as("but in the conversation the scheduling command began")
                .isEqualTo(scheduling.path("metadata").path("traceId").asString());
        for (JsonNode event : events) {
            // Axon 4's correlationId is the direct parent's id; causationId names it plainly for auditors.
            assertThat(event.path("metadata").path("causationId").asString())
                    .isEqualTo(event.path("metadata").path("correlationId").asString());
        }
    }

    @Test
    @DisplayName("auditors, the council and admins read the audit API; a provider gets 403; an unknown stream 404")
    void whoMayRead() {
        var scenario = fullScenario();
        String path = "/api/v1/audit/streams/" + StreamIds.carePackage(scenario.packageId());
        for (Api reader : List.of(auditor(), council(), admin())) {
            assertThat(reader.get(path).status()).isEqualTo(200);
            assertThat(reader.get("/api/v1/audit/events?limit=1").status()).isEqualTo(200);
        }
        for (String forbidden : List.of(path, "/api/v1/audit/events", "/api/v1/audit/verify")) {
            var response = alpha().get(forbidden);
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.isProblem()).isTrue();
        }
        var unknown = auditor().get("/api/v1/audit/streams/visit:" + unique("nobody"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo("/problems/unknown-stream");
    }

    @Test
    @DisplayName("OpenAPI describes the audit and rebuild endpoints and the asOf parameter")
    void describedInOpenApi() {
        var docs = council().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        var paths = docs.json().path("paths");
        assertThat(paths.has("/api/v1/audit/streams/{aggregateId}")).isTrue();
        assertThat(paths.has("/api/v1/audit/events")).isTrue();
        assertThat(paths.has("/api/v1/audit/verify")).isTrue();
        assertThat(paths.has("/api/v1/admin/projections/{name}/rebuild")).isTrue();
        for (String view :
                List.of("/api/v1/visits/{visitId}", "/api/v1/packages/{packageId}", "/api/v1/providers/{providerId}")) {
            assertThat(paths.path(view).path("get").path("parameters").toString())
                    .as(view)
                    .contains("\"asOf\"");
        }
    }

    static List<JsonNode> list(JsonNode array) {
        var list = new ArrayList<JsonNode>();
        array.forEach(list::add);
        return list;
    }
}
