package org.carebank.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.carebank.kernel.StreamIds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hash chain: valid over the whole store, and a change made behind the service's back is named. */
class TamperEvidenceApiTest extends AuditTestSupport {

    @Test
    @DisplayName("the chain recomputes over every stored event, deadline-applied ones included")
    void validOverEverything() {
        fullScenario();

        var verification = verification();

        assertThat(verification.path("valid").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.has("firstBrokenAt")).isFalse();
        assertThat(verification.path("events").asLong()).isGreaterThanOrEqualTo(eventCount());
        assertThat(verification.path("headPosition").asLong())
                .isEqualTo(verification.path("events").asLong());
        assertThat(verification.path("headLink").asString()).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("one payload edited directly in the database: valid false, and that event is named")
    void editedPayloadIsNamed() {
        var scenario = fullScenario();
        String streamId = StreamIds.visit(scenario.deliveredVisit());
        String eventId = jdbc.sql(
                        "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0")
                .param(streamId)
                .query(String.class)
                .single();
        var payloads = new StoredPayloads(jdbc);
        byte[] original = payloads.read(eventId);
        String edited = new String(original, UTF_8).replace("\"plannedMinutes\":60", "\"plannedMinutes\":45");
        assertThat(edited).isNotEqualTo(new String(original, UTF_8));
        try {
            payloads.overwrite(eventId, edited.getBytes(UTF_8));

            var verification = verification();

            assertThat(verification.path("valid").asBoolean()).isFalse();
            var broken = verification.path("firstBrokenAt");
            assertThat(broken.path("eventId").asString()).isEqualTo(eventId);
            assertThat(broken.path("streamId").asString()).isEqualTo(streamId);
            assertThat(broken.path("sequence").asLong()).isZero();
            assertThat(broken.path("reason").asString()).isEqualTo("LINK_MISMATCH");
            assertThat(broken.path("position").asLong())
                    .isEqualTo(history(streamId)
                            .path("events")
                            .get(0)
                            .path("position")
                            .asLong());
        } finally {
            payloads.overwrite(eventId, original);
        }
        assertThat(verification().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("edited metadata (who sent it) is seen too")
    void editedMetadataIsNamed() {
        var scenario = fullScenario();
        String eventId = jdbc.sql(
                        "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1")
                .param(StreamIds.visit(scenario.cancelledVisit()))
                .query(String.class)
                .single();
        byte[] original = jdbc.sql("SELECT metadata FROM domainevententry WHERE eventidentifier = ?")
                .param(eventId)
                .query(byte[].class)
                .single();
        String edited = new String(original, UTF_8).replace("\"principal\":\"alpha\"", "\"principal\":\"council\"");
        assertThat(edited).isNotEqualTo(new String(original, UTF_8));
        try {
            jdbc.sql("UPDATE domainevententry SET metadata = ? WHERE eventidentifier = ?")
                    .params(edited.getBytes(UTF_8), eventId)
                    .update();
            var broken = verification().path("firstBrokenAt");
            assertThat(broken.path("eventId").asString()).isEqualTo(eventId);
            assertThat(broken.path("reason").asString()).isEqualTo("LINK_MISMATCH");
        } finally {
            jdbc.sql("UPDATE domainevententry SET metadata = ? WHERE eventidentifier = ?")
                    .params(original, eventId)
                    .update();
        }
        assertThat(verification().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("an event inserted around the service has no link and is named")
    void insertedEventIsNamed() {
        String eventId = UUID.randomUUID().toString();
        // Below the tail (global index -1), where no event processor reads: a row that appeared at the head and
        // vanished again would leave Axon's shared event cache and the processors disagreeing about the past.
        jdbc.sql(
                        """
                        INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                          eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
                        VALUES (-1, ?, 0, 'Forged', ?, ?, ?, '1', 'org.carebank.forged.Forged', ?)""")
                .params(
                        unique("forged:x"),
                        eventId,
                        "{}".getBytes(UTF_8),
                        "{}".getBytes(UTF_8),
                        java.time.Instant.now().toString())
                .update();
        try {
            var broken = verification().path("firstBrokenAt");
            assertThat(broken.path("eventId").asString()).isEqualTo(eventId);
            assertThat(broken.path("reason").asString()).isEqualTo("UNCHAINED_EVENT");
            assertThat(broken.has("position")).isFalse();
        } finally {
            jdbc.sql("DELETE FROM domainevententry WHERE eventidentifier = ?")
                    .param(eventId)
                    .update();
        }
        assertThat(verification().path("valid").asBoolean()).isTrue();
    }
}
