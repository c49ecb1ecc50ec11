package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every projection of the dashboards is rebuilt from the events (tokens reset, tables emptied by the reset handlers,
 * the whole store replayed) and answers exactly as before: every row of every dashboard table, and every dashboard
 * answer in JSON and CSV.
 */
class DashboardRebuildTest extends ApiTestSupport {

    private static final List<String> PROCESSORS = List.of("travel-views", "performance-views");

    private static final List<String> TABLES = List.of(
            "travel_provider",
            "travel_worker",
            "travel_visit",
            "travel_leg",
            "performance_provider",
            "performance_worker",
            "performance_visit",
            "performance_package",
            "performance_holding",
            "performance_package_event");

    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    @DisplayName("resetting the travel and performance projections and replaying gives every row and answer again")
    void rebuildGivesTheSameAnswers() {
        var day = DashboardScenario.happen(this);
        moreHistory(day);
        PROCESSORS.forEach(this::awaitCaughtUp);
        eventually(() -> assertThat(council()
                        .get("/api/v1/travel/workers/" + day.ann + "?date=2027-03-02")
                        .json()
                        .path("visits")
                        .asInt())
                .isEqualTo(4));

        Map<String, String> answersBefore = day.answers(council());
        answersBefore.put(
                "list",
                council()
                        .get("/api/v1/performance/providers?from=2026-11-01&to=2027-03-31", "text/csv")
                        .text());
        Map<String, List<String>> rowsBefore = rows();
        assertThat(rowsBefore.get("travel_leg")).isNotEmpty();
        assertThat(rowsBefore.get("performance_package_event")).isNotEmpty();

        for (String name : PROCESSORS) {
            var processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        PROCESSORS.forEach(this::awaitCaughtUp);

        assertThat(rows()).isEqualTo(rowsBefore);
        Map<String, String> answersAfter = day.answers(council());
        answersAfter.put(
                "list",
                council()
                        .get("/api/v1/performance/providers?from=2026-11-01&to=2027-03-31", "text/csv")
                        .text());
        assertThat(answersAfter).isEqualTo(answersBefore);
        assertThat(answersAfter.values()).noneMatch(answer -> answer.contains("/problems/"));
    }

    /** A declined offer, a hand-back and a visit missed then delivered late, so every table has something to lose. */
    private void moreHistory(DashboardScenario day) {
        String other = unique("pkg");
        var commission = new LinkedHashMap<String, Object>();
        commission.put("packageId", other);
        commission.put("clientRef", unique("C"));
        commission.put("zone", day.zone);
        commission.put("weeklyMinutes", 120);
        commission.put("hourlyRatePence", 2400);
        commission.put("timeBanking", false);
        commission.put("startsOn", "2026-11-01");
        assertThat(council().post("/api/v1/packages", commission).status()).isEqualTo(201);
        council().post("/api/v1/packages/" + other + "/offers", Map.of("providerId", day.providerId));
        var declined = council()
                .post(
                        "/api/v1/packages/" + other + "/declines",
                        Map.of("providerId", day.providerId, "reason", "NO_CAPACITY"));
        assertThat(declined.status()).as(declined.text()).isEqualTo(200);

        var lateStart = minutesFromNow(-180);
        String missed = unique("v");
        assertThat(council()
                        .put("/api/v1/visits/" + missed, visit(day.packageId, day.bob, lateStart, 60))
                        .status())
                .isEqualTo(201);
        council()
                .post(
                        "/api/v1/visits/" + missed + "/check-in",
                        Map.of("at", lateStart.plusSeconds(150 * 60).toString(), "method", "APP_GPS"));
        var out = council()
                .post(
                        "/api/v1/visits/" + missed + "/check-out",
                        Map.of(
                                "at",
                                lateStart.plusSeconds(200 * 60).toString(),
                                "method",
                                "APP_GPS",
                                "endedEarlyAtClientRequest",
                                false));
        assertThat(out.status()).as(out.text()).isEqualTo(200);
        var handedBack = council()
                .post(
                        "/api/v1/packages/" + day.packageId + "/hand-back",
                        Map.of("reason", "no staff", "effectiveOn", "2027-03-20"));
        assertThat(handedBack.status()).as(handedBack.text()).isEqualTo(200);
    }

    private StreamingEventProcessor processor(String name) {
        return axon.eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + name));
    }

    /** Every segment claimed, past the replay, at the head of the event store, and not failing. */
    private void awaitCaughtUp(String name) {
        long head = jdbc.sql("SELECT COALESCE(MAX(globalindex), -1) FROM domainevententry")
                .query(Long.class)
                .single();
        long segments = jdbc.sql("SELECT COUNT(*) FROM tokenentry WHERE processorname = ?")
                .param(name)
                .query(Long.class)
                .single();
        var processor = processor(name);
        Awaitility.await(name + " caught up with event " + head)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    var status = processor.processingStatus();
                    return status.size() == segments
                            && status.values().stream()
                                    .allMatch(segment -> !segment.isErrorState()
                                            // A pooled segment that gets no event after the reset point keeps
                                            // reporting isReplaying(); its token tells the truth.
                                            && !ReplayToken.isReplay(segment.getTrackingToken())
                                            && segment.isCaughtUp()
                                            && segment.getCurrentPosition().orElse(-1) >= head);
                });
    }

    /** Each dashboard table in full, one string per row, in a fixed order. */
    private Map<String, List<String>> rows() {
        var tables = new LinkedHashMap<String, List<String>>();
        for (String table : TABLES) {
            tables.put(
                    table,
                    jdbc.sql("SELECT * FROM " + table).query().listOfRows().stream()
                            .map(row -> new java.util.TreeMap<>(row).toString())
                            .sorted()
                            .toList());
        }
        return tables;
    }
}
