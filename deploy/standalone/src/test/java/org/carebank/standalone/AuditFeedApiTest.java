package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The global feed: complete, in commit order, resumable, and the same again as an NDJSON export. */
class AuditFeedApiTest extends AuditTestSupport {

    @Test
    @DisplayName("the feed holds every stored event once, at positions 1, 2, 3... with each stream in sequence order")
    void completeAndOrdered() {
        fullScenario();
        var stored = new HashSet<>(jdbc.sql("SELECT eventidentifier FROM domainevententry")
                .query(String.class)
                .list());

        List<JsonNode> feed = feedAfter(0, 1000);

        var ids = feed.stream().map(e -> e.path("eventId").asString()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).containsAll(stored);
        for (int i = 0; i < feed.size(); i++) {
            assertThat(feed.get(i).path("position").asLong()).isEqualTo(i + 1L);
        }
        var lastSequence = new HashMap<String, Long>();
        for (JsonNode event : feed) {
            long sequence = event.path("sequence").asLong();
            Long previous = lastSequence.put(event.path("streamId").asString(), sequence);
            assertThat(sequence).as(event.toString()).isEqualTo(previous == null ? 0 : previous + 1);
            assertThat(event.path("payload").isObject()).isTrue();
            assertThat(event.path("metadata").isObject()).isTrue();
        }
    }

    @Test
    @DisplayName("a client resuming page by page from nextAfter reads exactly what happened since, nothing twice")
    void resumable() {
        long before = chainHead();
        var scenario = fullScenario();

        var inSmallPages = feedAfter(before, 3);
        var inOnePage = feedAfter(before, 1000);

        assertThat(inSmallPages).isEqualTo(inOnePage);
        assertThat(inSmallPages.get(0).path("position").asLong()).isEqualTo(before + 1);
        var scenarioStreams = List.of(
                StreamIds.carePackage(scenario.packageId()),
                StreamIds.visit(scenario.deliveredVisit()),
                StreamIds.visit(scenario.missedVisit()),
                StreamIds.visit(scenario.cancelledVisit()));
        long scenarioEvents = scenarioStreams.stream()
                .mapToLong(stream -> eventTypes(stream).size())
                .sum();
        assertThat(inSmallPages.stream()
                        .filter(e -> scenarioStreams.contains(e.path("streamId").asString()))
                        .count())
                .isEqualTo(scenarioEvents);
        var visit = inSmallPages.stream()
                .filter(e -> e.path("streamId").asString().equals(StreamIds.visit(scenario.deliveredVisit())))
                .map(e -> e.path("type").asString().replaceAll(".*\\.", ""))
                .toList();
        assertThat(visit)
                .containsExactly(
                        "VisitScheduled",
                        "VisitRescheduled",
                        "VisitCheckedIn",
                        "VisitCheckedOut",
                        "VisitDelivered",
                        "DeliveryVerified");
    }

    @Test
    @DisplayName("with Accept: application/x-ndjson the same events stream as one JSON object per line")
    void ndjsonExport() {
        long before = chainHead();
        fullScenario();

        var lines = exportAfter(before);
        var pages = feedAfter(before, 1000);

        assertThat(lines).hasSize(pages.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(Api.JSON.readTree(lines.get(i))).isEqualTo(pages.get(i));
        }
        assertThat(exportAfter(0)).hasSizeGreaterThanOrEqualTo((int) eventCount());
    }

    @Test
    @DisplayName("a bad position or page size is a 400 problem")
    void badParameters() {
        for (String query : List.of("after=-1", "limit=0", "limit=5000", "after=x")) {
            var response = auditor().get("/api/v1/audit/events?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.isProblem()).as(query).isTrue();
        }
    }
}
