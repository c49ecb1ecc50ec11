package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The chain's signed checkpoints across a stop and a start (ADR 0005), on PostgreSQL and on the default H2 file store:
 * checkpoints are written every N links while the service runs, the head is signed when it stops, and the next start
 * verifies all of them.
 */
class CheckpointOnShutdownTest {

    private static final int EVERY = 3;

    @Test
    @DisplayName(
            "PostgreSQL: checkpoints every 3 links while running, the head signed on shutdown, valid after restart")
    void onPostgres() {
        roundTrip(() ->
                RunningService.start("shutdown_checkpoint", "--carebank.audit.signing.checkpoint-every=" + EVERY));
    }

    @Test
    @DisplayName(
            "H2 (the default store): the migration, checkpoints while running and on shutdown, valid after restart")
    void onH2() {
        Path directory = Path.of("target", "h2-checkpoints-" + ApiTestSupport.unique("db"));
        roundTrip(() -> RunningService.startOnH2(directory, "--carebank.audit.signing.checkpoint-every=" + EVERY));
    }

    private void roundTrip(Supplier<RunningService> starting) {
        long head;
        try (var service = starting.get()) {
            var council = service.as("council");
            String clientRef = ApiTestSupport.unique("C");
            // Enough events to pass several multiples of 3, and a head that is (most likely) not one of them.
            for (int i = 0; i < 7; i++) {
                var adjusted = council.post(
                        "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                        Map.of("adjustmentId", ApiTestSupport.unique("adj"), "minutes", 1, "reason", "paper ledger"));
                assertThat(adjusted.status()).as(adjusted.text()).isEqualTo(201);
            }
            var jdbc = service.bean(JdbcClient.class);
            head = head(jdbc);
            long due = head - head % EVERY;
            ApiTestSupport.eventually(() -> assertThat(newest(jdbc)).isEqualTo(due));
            assertThat(due).isGreaterThanOrEqualTo(2L * EVERY);
        }

        try (var service = starting.get()) {
            var jdbc = service.bean(JdbcClient.class);
            assertThat(head(jdbc)).isEqualTo(head);
            assertThat(newest(jdbc)).as("the head signed on shutdown").isEqualTo(head);

            JsonNode verification =
                    service.as("auditor").get("/api/v1/audit/verify").json();
            assertThat(verification.path("valid").asBoolean())
                    .as(verification.toString())
                    .isTrue();
            var checkpoints = verification.path("checkpoints");
            assertThat(checkpoints.path("newest").path("position").asLong()).isEqualTo(head);
            assertThat(checkpoints.path("unsignedEvents").asLong()).isZero();
            assertThat(checkpoints.path("signed").asLong()).isEqualTo(head / EVERY + (head % EVERY == 0 ? 0 : 1));
            String anchor = head + ":" + checkpoints.path("newest").path("link").asString();
            assertThat(service.as("auditor")
                            .get("/api/v1/audit/verify?anchor=" + anchor)
                            .json()
                            .path("anchors")
                            .get(0)
                            .path("found")
                            .asBoolean())
                    .isTrue();
        }
    }

    private static long head(JdbcClient jdbc) {
        return jdbc.sql("SELECT chain_position FROM event_chain_head WHERE id = 1")
                .query(Long.class)
                .single();
    }

    private static long newest(JdbcClient jdbc) {
        return jdbc.sql("SELECT COALESCE(MAX(chain_position), 0) FROM event_chain_checkpoint")
                .query(Long.class)
                .single();
    }
}
