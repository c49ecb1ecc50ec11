package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Read your own writes (ADR 0020) on the real HTTP server: a command's answer carries Carebank-Position, and a query
 * sent with it is answered once the projections it reads have handled that position, never with the 404 of a view
 * that has not caught up; a projection that cannot catch up within the bound answers 503 projection-behind.
 */
class ReadYourWritesApiTest extends ApiTestSupport {

    private static final String POSITION = "Carebank-Position";

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    @DisplayName("a visit read straight after its PUT, with the position the PUT answered, is found every time")
    void getAfterPutWithThePositionNeverMisses() {
        var roster = alphaRoster();
        long previous = 0;
        for (int i = 0; i < 15; i++) {
            String visitId = unique("v");
            var put = alpha().put(
                            "/api/v1/visits/" + visitId,
                            visit(roster.packageId(), roster.workerId(), minutesFromNow(600 + 90L * i), 60));
            assertThat(put.status()).as(put.text()).isEqualTo(201);
            long position = Long.parseLong(put.header(POSITION));
            assertThat(position).as("positions grow").isGreaterThan(previous);
            previous = position;

            var read = alpha().get("/api/v1/visits/" + visitId, Map.of(POSITION, Long.toString(position)));
            assertThat(read.status()).as(read.text()).isEqualTo(200);
            assertThat(read.json().path("status").asString()).isEqualTo("SCHEDULED");
        }
    }

    @Test
    @DisplayName("the position is the audit feed's: the feed at that position holds the command's event")
    void positionIsTheFeedPosition() {
        var roster = alphaRoster();
        String visitId = unique("v");
        var put = alpha().put(
                        "/api/v1/visits/" + visitId,
                        visit(roster.packageId(), roster.workerId(), minutesFromNow(300), 60));
        long position = Long.parseLong(put.header(POSITION));
        var feed = as("auditor").get("/api/v1/audit/events?after=" + Math.max(0, position - 5) + "&limit=5");
        assertThat(feed.status()).isEqualTo(200);
        // The head when the answer was written: the command's own last event, or a later one committed meanwhile.
        var own = new java.util.ArrayList<Long>();
        feed.json().path("events").forEach(event -> {
            if (event.path("streamId").asString().equals("visit:" + visitId)) {
                own.add(event.path("position").asLong());
            }
        });
        assertThat(own).hasSize(1);
        assertThat(own.get(0)).isLessThanOrEqualTo(position).isGreaterThan(position - 5);

        var repeat = alpha().put(
                        "/api/v1/visits/" + visitId,
                        visit(roster.packageId(), roster.workerId(), minutesFromNow(300), 60));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(Long.parseLong(repeat.header(POSITION)))
                .as("a repeat answers a position too")
                .isGreaterThanOrEqualTo(position);
    }

    @Test
    @DisplayName("a time bank read with the deposit's position shows the deposit; CSV downloads carry a file name")
    void timeBankAfterDepositAndCsvHeaders() {
        var roster = alphaRoster();
        String visitId = delivered(alpha(), roster, 60, 40, true);
        String clientRef = clientOf(roster.packageId());
        // The deposit's lookup is command-side, so no wait is needed before it; the read needs the position.
        var deposit = alpha().post(
                        "/api/v1/clients/" + clientRef + "/time-bank/deposits",
                        Map.of("visitId", visitId, "minutes", 15, "consentBy", "client"));
        assertThat(deposit.status()).as(deposit.text()).isEqualTo(201);
        var bank =
                alpha().get("/api/v1/clients/" + clientRef + "/time-bank", Map.of(POSITION, deposit.header(POSITION)));
        assertThat(bank.status()).as(bank.text()).isEqualTo(200);
        assertThat(bank.json().path("balanceMinutes").asInt()).isEqualTo(15);

        for (String path : new String[] {
            "/api/v1/time-banks?providerId=" + ALPHA, "/api/v1/performance/providers?from=2026-01-01&to=2026-12-31"
        }) {
            var csv = council().get(path, Map.of("Accept", "text/csv", POSITION, deposit.header(POSITION)));
            assertThat(csv.status()).as(path + " " + csv.text()).isEqualTo(200);
            assertThat(csv.contentType().toLowerCase())
                    .as(path)
                    .startsWith("text/csv")
                    .contains("charset=utf-8");
            String name =
                    path.substring("/api/v1/".length()).replaceAll("\\?.*", "").replace('/', '-') + ".csv";
            assertThat(csv.header("Content-Disposition")).as(path).isEqualTo("attachment; filename=\"" + name + "\"");
        }
    }

    @Test
    @DisplayName("with its projection stopped, a read with the position waits the bound, then 503 projection-behind")
    void stalledProjectionAnswers503WithRetryAfter() {
        var roster = alphaRoster();
        StreamingEventProcessor visits = processing
                .eventProcessor("visit-views", StreamingEventProcessor.class)
                .orElseThrow();
        awaitClaimed(visits);
        String visitId = unique("v");
        String position;
        visits.shutDown();
        try {
            var put = alpha().put(
                            "/api/v1/visits/" + visitId,
                            visit(roster.packageId(), roster.workerId(), minutesFromNow(400), 60));
            assertThat(put.status()).as(put.text()).isEqualTo(201);
            position = put.header(POSITION);
            long started = System.nanoTime();
            var read = alpha().get("/api/v1/visits/" + visitId, Map.of(POSITION, position));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(read.status()).as(read.text()).isEqualTo(503);
            assertThat(read.isProblem()).isTrue();
            assertThat(read.problemType()).isEqualTo("/problems/projection-behind");
            assertThat(read.json().path("projections").toString()).contains("visit-views");
            assertThat(read.header("Retry-After")).isNotBlank();
            assertThat(waited).as("it waited for the bound (5 s) first").isGreaterThan(Duration.ofMillis(4500));

            // Another projection's view does not wait for this one.
            var provider = alpha().get("/api/v1/providers/" + ALPHA, Map.of(POSITION, put.header(POSITION)));
            assertThat(provider.status()).as(provider.text()).isEqualTo(200);
        } finally {
            visits.start();
            awaitClaimed(visits);
        }
        // Restarted, it catches up within the bound: the same read now waits a moment and answers.
        var afterRestart = alpha().get("/api/v1/visits/" + visitId, Map.of(POSITION, position));
        assertThat(afterRestart.status()).as(afterRestart.text()).isEqualTo(200);
    }

    @Test
    @DisplayName("a position that is not a number is refused 400 invalid-position; position 0 waits for nothing")
    void malformedPosition() {
        var bad = council().get("/api/v1/providers", Map.of(POSITION, "soon"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemType()).isEqualTo("/problems/invalid-position");
        assertThat(council().get("/api/v1/providers", Map.of(POSITION, "0")).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("audit streams by the caller's id: bare id, with kind, the stored name; an id of two kinds is 400")
    void auditStreamsByTheCallersId() {
        var roster = alphaRoster();
        String visitId = unique("v");
        var put = alpha().put(
                        "/api/v1/visits/" + visitId,
                        visit(roster.packageId(), roster.workerId(), minutesFromNow(500), 60));
        assertThat(put.status()).isEqualTo(201);
        var auditor = as("auditor");
        for (String path : new String[] {visitId, visitId + "?kind=visit", "visit:" + visitId}) {
            var stream = auditor.get("/api/v1/audit/streams/" + path);
            assertThat(stream.status()).as(path + " " + stream.text()).isEqualTo(200);
            assertThat(stream.json().path("streamId").asString()).isEqualTo("visit:" + visitId);
        }
        assertThat(auditor.get("/api/v1/audit/streams/" + visitId + "?kind=package")
                        .status())
                .isEqualTo(404);
        assertThat(auditor.get("/api/v1/audit/streams/" + visitId + "?kind=nonsense")
                        .status())
                .isEqualTo(400);

        // A provider and a package both called by the same id: the bare id names neither alone.
        String shared = unique("shared");
        admitted(shared);
        var commission = new java.util.LinkedHashMap<String, Object>();
        commission.put("packageId", shared);
        commission.put("clientRef", unique("C"));
        commission.put("zone", "north");
        commission.put("weeklyMinutes", 420);
        commission.put("hourlyRatePence", 2400);
        commission.put("timeBanking", false);
        commission.put("startsOn", "2026-01-01");
        assertThat(council().post("/api/v1/packages", commission).status()).isEqualTo(201);
        var ambiguous = auditor.get("/api/v1/audit/streams/" + shared);
        assertThat(ambiguous.status()).as(ambiguous.text()).isEqualTo(400);
        assertThat(ambiguous.problemType()).isEqualTo("/problems/ambiguous-aggregate-id");
        assertThat(ambiguous.json().path("kinds").toString()).contains("provider", "package");
        assertThat(auditor.get("/api/v1/audit/streams/" + shared + "?kind=package")
                        .json()
                        .path("streamId")
                        .asString())
                .isEqualTo("package:" + shared);
        assertThat(auditor.get("/api/v1/audit/streams/" + unique("nobody")).status())
                .isEqualTo(404);
    }

    private static void awaitClaimed(StreamingEventProcessor processor) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        processor.isRunning() && !processor.processingStatus().isEmpty());
    }
}
