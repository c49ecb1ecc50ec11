package org.carebank.kernel.provider;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.carebank.kernel.serialization.EventJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProviderAdmittedUpcasterTest {

    private static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();

    /** A ProviderAdmitted as revision 1 stored it. */
    static final String REVISION_1_JSON =
            """
            {"providerId":"p-old","name":"Old Care","zones":["north"],"cqc":{"overall":"GOOD","safe":"GOOD",\
            "effective":"GOOD","caring":"GOOD","responsive":"GOOD","wellLed":"OUTSTANDING",\
            "inspectedOn":"2025-06-01"},"minimumRating":"REQUIRES_IMPROVEMENT"}""";

    @Test
    @DisplayName("a revision 1 event is read with the well-led minimum it was judged by: the one minimum of its day")
    void upcastsRevision1() {
        var entry = new GenericDomainEventEntry<>(
                "Provider",
                "provider:p-old",
                0,
                "e-old",
                Instant.parse("2025-06-02T10:00:00Z"),
                ProviderAdmitted.class.getName(),
                "1",
                REVISION_1_JSON.getBytes(UTF_8),
                "{}".getBytes(UTF_8));

        var upcast = new ProviderAdmittedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER)))
                .toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        ProviderAdmitted event = SERIALIZER.deserialize(upcast.get(0).getData());
        assertThat(event.minimumRating()).isEqualTo(CqcRating.REQUIRES_IMPROVEMENT);
        assertThat(event.minimumWellLed()).isEqualTo(CqcRating.REQUIRES_IMPROVEMENT);
        assertThat(event.cqc().wellLed()).isEqualTo(CqcRating.OUTSTANDING);
    }

    @Test
    @DisplayName("a revision 2 event passes through untouched and round-trips through the stored JSON")
    void leavesRevision2Alone() {
        var cqc = new CqcRatings(
                CqcRating.GOOD,
                CqcRating.GOOD,
                CqcRating.GOOD,
                CqcRating.GOOD,
                CqcRating.GOOD,
                CqcRating.GOOD,
                LocalDate.parse("2026-01-01"));
        var event = new ProviderAdmitted("p", "P", List.of("north"), cqc, CqcRating.GOOD, CqcRating.OUTSTANDING);
        byte[] json = SERIALIZER.serialize(event, byte[].class).getData();
        var entry = new GenericDomainEventEntry<>(
                "Provider",
                "provider:p",
                0,
                "e",
                Instant.now(),
                ProviderAdmitted.class.getName(),
                "2",
                json,
                "{}".getBytes(UTF_8));

        var upcast = new ProviderAdmittedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER)))
                .toList();

        ProviderAdmitted read = SERIALIZER.deserialize(upcast.get(0).getData());
        assertThat(read).isEqualTo(event);
        assertThat(new String(json, UTF_8)).contains("\"minimumWellLed\":\"OUTSTANDING\"");
    }
}
