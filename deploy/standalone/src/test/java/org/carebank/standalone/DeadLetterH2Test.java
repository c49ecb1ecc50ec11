package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default (an H2 file) keeps the same promise as PostgreSQL: the dead-letter migration runs, an event the
 * visit view cannot write is parked while later visits appear, and a retry after the fix writes it. H2 accepts NUL, so
 * the test makes the write fail with a constraint of its own, and the fix is dropping it.
 */
@DisplayName("Dead letters on the embedded H2 store: parked, the view goes on, retried after a fix")
class DeadLetterH2Test {

    private static final String REFUSED_REASON = "a reason the test constraint refuses";

    @Test
    @DisplayName("a cancellation the view cannot write is parked on H2 and written by a retry after the fix")
    void parkedAndRetriedOnH2() {
        Path file = Path.of("target", "dead-letters-h2", UUID.randomUUID().toString(), "carebank")
                .toAbsolutePath();
        String url = "jdbc:h2:file:" + file + RunningService.H2_OPTIONS;
        // The log is captured once the service has started: Spring Boot's start configures logging afresh and would
        // drop an appender attached before it.
        try (var service = RunningService.startOn(url, "sa", "");
                var log = CapturedLog.open()) {
            var council = service.as("council");
            var alpha = service.as("alpha");
            var admin = service.as("admin");
            var admitted = council.post(
                    "/api/v1/providers",
                    ApiTestSupport.admission(ApiTestSupport.ALPHA, ApiTestSupport.cqc("GOOD", "GOOD")));
            assertThat(admitted.status()).as(admitted.text()).isEqualTo(201);
            String worker = ApiTestSupport.worker(alpha, ApiTestSupport.ALPHA);
            String packageId =
                    ApiTestSupport.activePackage(council, alpha, ApiTestSupport.ALPHA, "C-h2-dead-letters", false);

            String cancelled = schedule(alpha, packageId, worker, 24 * 60);
            eventually(() -> assertThat(alpha.get("/api/v1/visits/" + cancelled).status())
                    .isEqualTo(200));
            var jdbc = service.bean(JdbcClient.class);
            jdbc.sql("ALTER TABLE visit_view ADD CONSTRAINT dead_letter_h2_test CHECK (cancellation_reason IS NULL"
                            + " OR cancellation_reason <> '" + REFUSED_REASON + "')")
                    .update();
            var cancellation = alpha.post(
                    "/api/v1/visits/" + cancelled + "/cancellation",
                    Map.of("initiatedBy", "CLIENT", "reason", REFUSED_REASON));
            assertThat(cancellation.status()).as(cancellation.text()).isEqualTo(200);
            String later = schedule(alpha, packageId, worker, 26 * 60);

            eventually(() ->
                    assertThat(alpha.get("/api/v1/visits/" + later).status()).isEqualTo(200));
            eventually(() -> assertThat(letters(admin)).hasSize(1));
            JsonNode letter = letters(admin).get(0);
            assertThat(letter.path("eventType").asString()).isEqualTo("VisitCancelled");
            assertThat(letter.path("aggregateId").asString()).isEqualTo("visit:" + cancelled);
            assertThat(status(alpha, cancelled)).isEqualTo("SCHEDULED");

            // every projection rebuilt together on H2: the letter is parked again, the later visit rebuilt
            var rebuild = admin.post("/api/v1/admin/projections/rebuild", Map.of());
            assertThat(rebuild.status()).as(rebuild.text()).isEqualTo(202);
            rebuild.json()
                    .forEach(projection -> eventually(() -> assertThat(admin.get("/api/v1/admin/projections/"
                                            + projection.path("name").asString() + "/rebuild")
                                    .json()
                                    .path("state")
                                    .asString())
                            .isEqualTo("LIVE")));
            assertThat(letters(admin)).hasSize(1);
            assertThat(status(alpha, cancelled)).isEqualTo("SCHEDULED");
            assertThat(status(alpha, later)).isEqualTo("SCHEDULED");
            assertThat(RebuildApiTest.jointReplayPositions(log.messages())).singleElement();
            assertThat(log.messages()).noneMatch(line -> line.contains("left the joint rebuild"));

            jdbc.sql("ALTER TABLE visit_view DROP CONSTRAINT dead_letter_h2_test")
                    .update();
            var retried = admin.post("/api/v1/admin/dead-letters/visit-views/retry", Map.of());
            assertThat(retried.status()).as(retried.text()).isEqualTo(200);
            assertThat(letters(admin)).isEmpty();
            assertThat(status(alpha, cancelled)).isEqualTo("CANCELLED");

            assertThat(log.errorsAndStackTraces()).isEmpty();
        }
    }

    private static String schedule(Api alpha, String packageId, String worker, long minutesAhead) {
        String visitId = ApiTestSupport.unique("v");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(minutesAhead));
        var response = alpha.put("/api/v1/visits/" + visitId, ApiTestSupport.visit(packageId, worker, start, 60));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return visitId;
    }

    private static String status(Api alpha, String visitId) {
        return alpha.get("/api/v1/visits/" + visitId).json().path("status").asString();
    }

    private static java.util.List<JsonNode> letters(Api admin) {
        var response = admin.get("/api/v1/admin/dead-letters/visit-views");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        var letters = new java.util.ArrayList<JsonNode>();
        response.json().forEach(letters::add);
        return letters;
    }

    private static void eventually(ThrowingRunnable assertion) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(assertion);
    }
}
