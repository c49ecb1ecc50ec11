package org.carebank.standalone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.carebank.command.audit.EventChain;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** An event stored by an earlier version is read through the upcaster everywhere the service reads events. */
class UpcasterApiTest extends AuditTestSupport {

    @Autowired
    EventChain chain;

    @Autowired
    TransactionTemplate transactions;

    @Test
    @DisplayName("a revision 1 ProviderAdmitted reads as revision 2 in the history, as of, a rebuild and the aggregate")
    void oldEventReadThroughTheUpcaster() {
        String providerId = unique("old");
        String storedAt = storedByAnEarlierVersion(providerId);

        var event = history(StreamIds.provider(providerId)).path("events").get(0);
        assertThat(event.path("revision").asString()).isEqualTo("2");
        assertThat(event.path("storedRevision").asString()).isEqualTo("1");
        assertThat(event.path("payload").path("minimumRating").asString()).isEqualTo("REQUIRES_IMPROVEMENT");
        assertThat(event.path("payload").path("minimumWellLed").asString())
                .as("revision 1 judged well-led by the one minimum")
                .isEqualTo("REQUIRES_IMPROVEMENT");
        var exported = feedAfter(event.path("position").asLong() - 1, 1).get(0);
        assertThat(exported.path("revision").asString())
                .as("the export shows it as stored")
                .isEqualTo("1");
        assertThat(exported.path("payload").has("minimumWellLed")).isFalse();

        String path = "/api/v1/providers/" + providerId;
        assertThat(council()
                        .get(path + "?asOf=" + Instant.now())
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Old Care");
        eventually(() -> assertThat(council().get(path).status()).isEqualTo(200));
        var live = council().get(path).json();
        rebuilt("provider-views");
        assertThat(council().get(path).json()).isEqualTo(live);
        assertThat(Instant.parse(live.path("admittedAt").asString())).isEqualTo(Instant.parse(storedAt));

        // The aggregate is sourced from it too: new ratings below the list's minimum suspend the provider.
        ok(council().post(path + "/cqc-ratings", cqc("INADEQUATE", "GOOD")));
        assertThat(eventTypes(StreamIds.provider(providerId)))
                .containsExactly("ProviderAdmitted", "CqcRatingsRecorded", "ProviderSuspended");
        assertThat(verification().path("valid").asBoolean()).isTrue();
    }

    /**
     * The row as revision 1 wrote it, with its link made in the same transaction, as that version would have, just
     * before the upgrade: an old timestamp at the head of the store would make Axon's JDBC engine drop the gaps it
     * tracks (it takes such an event as proof that earlier gaps will never fill).
     */
    private String storedByAnEarlierVersion(String providerId) {
        String storedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        String payload =
                """
                {"providerId":"%s","name":"Old Care","zones":["north"],"cqc":{"overall":"GOOD","safe":"GOOD",\
                "effective":"GOOD","caring":"GOOD","responsive":"GOOD","wellLed":"GOOD","inspectedOn":"2025-05-01"},\
                "minimumRating":"REQUIRES_IMPROVEMENT"}"""
                        .formatted(providerId);
        String metadata = "{\"principal\":\"council\",\"role\":\"COUNCIL\",\"correlationId\":\"c\",\"traceId\":\"c\"}";
        String eventId = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,
                              metadata, payload, payloadrevision, payloadtype, timestamp)
                            VALUES (?, 0, 'Provider', ?, ?, ?, '1', ?, ?)""")
                    .params(
                            StreamIds.provider(providerId),
                            eventId,
                            metadata.getBytes(UTF_8),
                            payload.getBytes(UTF_8),
                            ProviderAdmitted.class.getName(),
                            storedAt)
                    .update();
            chain.link(eventId);
        });
        return storedAt;
    }
}
