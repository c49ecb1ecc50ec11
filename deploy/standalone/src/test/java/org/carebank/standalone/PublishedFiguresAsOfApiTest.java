package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.carebank.kernel.UkDates;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An auditor reproduces figures as the dashboard published them (issue 23, ADR 0023): every dashboard endpoint is
 * asked and its answers kept with the instant; more history is recorded (an amendment approved, a rate changed); the
 * live answers move; asked again with {@code asOf=} that instant, every endpoint gives the first answers exactly.
 */
class PublishedFiguresAsOfApiTest extends AuditTestSupport {

    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    @DisplayName("every dashboard figure as of the instant it was published, after an amendment and a rate change")
    void figuresAsPublished() throws InterruptedException {
        var day = DashboardScenario.happen(this);
        // A visit that was due: planned 90 minutes ago, checked in, its check-out never sent (amended later).
        var roster = alphaRoster();
        Instant start = minutesFromNow(-90);
        String unfinished = scheduled(roster, start, 60);
        ok(alpha().post(
                        "/api/v1/visits/" + unfinished + "/check-in",
                        Map.of("at", start.toString(), "method", "APP_GPS")));
        LocalDate today = LocalDate.ofInstant(start, UkDates.LONDON);
        List<String> paths = paths(day);
        String alphaDay = "?from=" + today + "&to=" + today;
        paths.addAll(List.of(
                "/api/v1/providers/" + ALPHA + "/performance" + alphaDay,
                "/api/v1/providers/" + ALPHA + "/charter" + alphaDay,
                "/api/v1/providers/" + ALPHA + "/visits" + alphaDay,
                "/api/v1/providers/" + ALPHA + "/pay-compliance?month=" + YearMonth.from(today),
                "/api/v1/travel/workers/" + roster.workerId() + "?date=" + today,
                "/api/v1/amendments?providerId=" + ALPHA));

        Instant published;
        Map<String, String> answers;
        while (true) { // an event recorded between the instant and the answers would make them later than it
            long head = head();
            published = mark();
            awaitEveryProcessorAt(head);
            answers = answers(paths, "");
            if (head() == head) {
                break;
            }
        }

        // More history: the missing check-out amended and approved (issue 19); the dashboard package's rate raised
        // from the start of its month (issue 18).
        var amendment = new LinkedHashMap<String, Object>();
        amendment.put("amendmentId", "A-1");
        amendment.put("checkedOutAt", start.plusSeconds(55 * 60).toString());
        amendment.put("endedEarlyAtClientRequest", false);
        amendment.put("reasonCode", "WORKER_DID_NOT_CHECK_OUT");
        amendment.put("note", "the worker's phone battery died before check-out");
        ok(alpha().post("/api/v1/visits/" + unfinished + "/amendments", amendment));
        ok(council()
                .post("/api/v1/visits/" + unfinished + "/amendments/A-1/approval", Map.of("note", "call log seen")));
        ok(council()
                .post(
                        "/api/v1/packages/" + day.packageId + "/rates",
                        Map.of(
                                "rateId",
                                unique("rate"),
                                "hourlyRatePence",
                                2700,
                                "effectiveFrom",
                                "2027-03-01",
                                "reason",
                                "annual uplift")));
        awaitEveryProcessorAt(head());

        var first = answers;
        var later = answers(paths, "");
        var moved = paths.stream()
                .filter(path -> !later.get(path).equals(first.get(path)))
                .toList();
        assertThat(moved)
                .as("the later events change the live figures")
                .contains(
                        "/api/v1/providers/" + day.providerId + "/performance?from=2027-03-01&to=2027-03-31",
                        "/api/v1/providers/" + day.providerId + "/statement-preview?from=2027-03-01&to=2027-03-31",
                        "/api/v1/providers/" + ALPHA + "/performance" + alphaDay,
                        "/api/v1/providers/" + ALPHA + "/pay-compliance?month=" + YearMonth.from(today),
                        "/api/v1/travel/workers/" + roster.workerId() + "?date=" + today,
                        "/api/v1/amendments?providerId=" + ALPHA);

        var asOf = answers(paths, "asOf=" + published);
        for (String path : answers.keySet()) {
            assertThat(asOf.get(path)).as(path + " as of " + published).isEqualTo(answers.get(path));
        }
    }

    /** Every GET the dashboard makes about the scenario's provider, zone, workers and month. */
    private static List<String> paths(DashboardScenario day) {
        String period = "?from=2027-03-01&to=2027-03-31";
        var paths = new ArrayList<>(day.paths());
        paths.addAll(List.of(
                "/api/v1/performance/providers" + period,
                "/api/v1/providers/" + day.providerId + "/visits" + period,
                "/api/v1/providers/" + day.providerId + "/visits" + period + "&issue=ANY",
                "/api/v1/providers/" + day.providerId + "/workers",
                "/api/v1/providers",
                "/api/v1/alerts?open=true&limit=200",
                "/api/v1/amendments?providerId=" + day.providerId,
                "/api/v1/providers/" + day.providerId + "/statement-preview" + period,
                "/api/v1/providers/" + day.providerId + "/statements"));
        return paths;
    }

    /** Each path's JSON, and its CSV where it has one, by path; {@code query} added to every path. */
    private Map<String, String> answers(List<String> paths, String query) {
        var answers = new LinkedHashMap<String, String>();
        for (String path : paths) {
            String asked = query.isEmpty() ? path : path + (path.contains("?") ? "&" : "?") + query;
            var json = council().get(asked);
            assertThat(json.status()).as(asked + ": " + json.text()).isEqualTo(200);
            answers.put(path, json.text());
            var csv = council().get(asked, "text/csv");
            if (csv.status() == 200) {
                answers.put(path + " (csv)", csv.text());
            }
        }
        return answers;
    }

    private long head() {
        return jdbc.sql("SELECT COALESCE(MAX(globalindex), -1) FROM domainevententry")
                .query(Long.class)
                .single();
    }

    /** Every streaming processor's segments claimed, past any replay, at or beyond {@code head}, not failing. */
    private void awaitEveryProcessorAt(long head) {
        for (var processor :
                axon.eventProcessingConfiguration().eventProcessors().values()) {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                continue;
            }
            long segments = jdbc.sql("SELECT COUNT(*) FROM tokenentry WHERE processorname = ?")
                    .param(streaming.getName())
                    .query(Long.class)
                    .single();
            Awaitility.await(streaming.getName() + " caught up with event " + head)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        var status = streaming.processingStatus();
                        return status.size() == segments
                                && status.values().stream()
                                        .allMatch(segment -> !segment.isErrorState()
                                                && !ReplayToken.isReplay(segment.getTrackingToken())
                                                && segment.getCurrentPosition().orElse(-1) >= head);
                    });
        }
    }
}
