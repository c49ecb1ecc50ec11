package org.carebank.query.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.ratings;
import static org.carebank.query.testing.CareEvents.suspended;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.query.testing.CareEvents;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provider view's rules, event by event, without a database. */
class ProviderFoldTest {

    private final List<EventMessage<?>> history = new ArrayList<>();

    private ProviderFoldTest at(String instant, Object event) {
        history.add(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), Instant.parse(instant)));
        return this;
    }

    private ProviderView view() {
        return ProviderFold.fold(history).orElseThrow();
    }

    private static ProviderAdmitted admitted() {
        return new ProviderAdmitted(
                "sunrise",
                "Sunrise Care",
                List.of("south", "north", "south"),
                CareEvents.cqc(CqcRating.GOOD, CqcRating.OUTSTANDING),
                CqcRating.GOOD);
    }

    @Test
    @DisplayName("no view before the admission; admitted: its zones once each, in order, on the list since then")
    void admittedProvider() {
        at("2026-09-01T09:00:00Z", ratings("sunrise", CqcRating.GOOD, CqcRating.GOOD));
        assertThat(ProviderFold.fold(history)).isEmpty();
        at("2026-09-01T10:00:00Z", admitted());
        var view = view();
        assertThat(view.name()).isEqualTo("Sunrise Care");
        assertThat(view.zones()).containsExactly("north", "south");
        assertThat(view.status()).isEqualTo(ListStatus.ADMITTED);
        assertThat(view.cqc().wellLed()).isEqualTo(CqcRating.OUTSTANDING);
        assertThat(view.admittedAt()).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
        assertThat(view.statusChangedAt()).isEqualTo(view.admittedAt());
    }

    @Test
    @DisplayName("new ratings alone change the ratings, not the list status or when it changed")
    void ratingsAlone() {
        at("2026-09-01T10:00:00Z", admitted());
        at("2026-10-01T10:00:00Z", ratings("sunrise", CqcRating.REQUIRES_IMPROVEMENT, CqcRating.GOOD));
        assertThat(view().cqc().overall()).isEqualTo(CqcRating.REQUIRES_IMPROVEMENT);
        assertThat(view().status()).isEqualTo(ListStatus.ADMITTED);
        assertThat(view().statusChangedAt()).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
    }

    @Test
    @DisplayName("suspended and reinstated: the status and the instant it changed follow; admission is kept")
    void suspendedThenReinstated() {
        at("2026-09-01T10:00:00Z", admitted());
        at("2026-10-01T10:00:00Z", suspended("sunrise", CqcRating.INADEQUATE, CqcRating.GOOD));
        assertThat(view().status()).isEqualTo(ListStatus.SUSPENDED);
        assertThat(view().statusChangedAt()).isEqualTo(Instant.parse("2026-10-01T10:00:00Z"));
        at(
                "2026-11-01T10:00:00.000000700Z",
                new ProviderReinstated("sunrise", CqcRating.GOOD, CqcRating.GOOD, CqcRating.GOOD));
        assertThat(view().status()).isEqualTo(ListStatus.ADMITTED);
        assertThat(view().statusChangedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00.000001Z"));
        assertThat(view().admittedAt()).isEqualTo(Instant.parse("2026-09-01T10:00:00Z"));
    }

    @Test
    @DisplayName("a second admission of the same provider changes nothing")
    void admittedOnce() {
        at("2026-09-01T10:00:00Z", admitted());
        var first = view();
        at("2026-09-02T10:00:00Z", CareEvents.providerAdmitted("sunrise", "east"));
        assertThat(view()).isEqualTo(first);
    }
}
