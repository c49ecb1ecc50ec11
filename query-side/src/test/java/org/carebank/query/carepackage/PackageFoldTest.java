package org.carebank.query.carepackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.accepted;
import static org.carebank.query.testing.CareEvents.commissioned;
import static org.carebank.query.testing.CareEvents.declined;
import static org.carebank.query.testing.CareEvents.handedBack;
import static org.carebank.query.testing.CareEvents.offered;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.query.carepackage.PackageView.Offer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The package view's rules, event by event, and what each caller may see of it, without a database. */
class PackageFoldTest {

    private final List<EventMessage<?>> history = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-01T09:00:00Z");

    private PackageFoldTest given(Object... events) {
        for (Object event : events) {
            history.add(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), now));
        }
        now = now.plusSeconds(60);
        return this;
    }

    private PackageView view() {
        return PackageFold.fold(history).orElseThrow();
    }

    private static List<String> outcomes(PackageView view) {
        return view.offers().stream()
                .map(offer -> offer.providerId() + "=" + offer.outcome())
                .toList();
    }

    @Test
    @DisplayName("no view before the commission; commissioned: the council's terms, no provider, no offers")
    void commissionedPackage() {
        given(offered("P", "alpha"));
        assertThat(PackageFold.fold(history)).isEmpty();
        given(commissioned("P", "C-1", 420, "2026-11-01", "2027-10-31"));
        var view = view();
        assertThat(view.status()).isEqualTo(PackageStatus.COMMISSIONED);
        assertThat(view.clientRef()).isEqualTo("C-1");
        assertThat(view.weeklyMinutes()).isEqualTo(420);
        assertThat(view.endsOn()).hasToString("2027-10-31");
        assertThat(view.providerId()).isNull();
        assertThat(view.offers()).isEmpty();
    }

    @Test
    @DisplayName("declined by one of two: still offered; declined by the last pending one: back to commissioned")
    void declineBackToCommissionedOnlyWhenNoneIsPending() {
        given(commissioned("P", "C-1", 420, "2026-11-01", null), offered("P", "alpha"), offered("P", "beta"));
        assertThat(view().status()).isEqualTo(PackageStatus.OFFERED);
        given(declined("P", "alpha", DeclineReason.NO_CAPACITY));
        assertThat(view().status()).isEqualTo(PackageStatus.OFFERED);
        assertThat(outcomes(view())).containsExactly("alpha=DECLINED", "beta=PENDING");
        assertThat(view().offers().get(0).declineReason()).isEqualTo("NO_CAPACITY");
        given(declined("P", "beta", DeclineReason.NO_COVERAGE));
        assertThat(view().status()).isEqualTo(PackageStatus.COMMISSIONED);
    }

    @Test
    @DisplayName("accepted: active with its provider, the other pending offers withdrawn, a decline kept")
    void acceptedWithdrawsTheOthers() {
        given(commissioned("P", "C-1", 420, "2026-11-01", null), offered("P", "alpha"), offered("P", "beta"));
        given(offered("P", "gamma"), declined("P", "gamma", DeclineReason.NO_CAPACITY));
        given(accepted("P", "beta", "C-1"));
        assertThat(view().status()).isEqualTo(PackageStatus.ACTIVE);
        assertThat(view().providerId()).isEqualTo("beta");
        assertThat(outcomes(view())).containsExactly("alpha=WITHDRAWN", "beta=ACCEPTED", "gamma=DECLINED");
    }

    @Test
    @DisplayName("handed back: no provider any more, the offer says so")
    void handedBackPackage() {
        given(commissioned("P", "C-1", 420, "2026-11-01", null), offered("P", "alpha"), accepted("P", "alpha", "C-1"));
        given(handedBack("P", "alpha", "2026-12-01"));
        assertThat(view().status()).isEqualTo(PackageStatus.HANDED_BACK);
        assertThat(view().providerId()).isNull();
        assertThat(outcomes(view())).containsExactly("alpha=HANDED_BACK");
    }

    @Test
    @DisplayName("offers in the order made, ties by provider; an offer made again is pending again and comes last")
    void offerOrder() {
        given(commissioned("P", "C-1", 420, "2026-11-01", null), offered("P", "beta"), offered("P", "alpha"));
        assertThat(outcomes(view())).containsExactly("alpha=PENDING", "beta=PENDING");
        given(declined("P", "alpha", DeclineReason.NO_CAPACITY));
        given(offered("P", "alpha"));
        assertThat(outcomes(view())).containsExactly("beta=PENDING", "alpha=PENDING");
        Offer again = view().offers().get(1);
        assertThat(again.declineReason()).isNull();
        assertThat(again.offeredAt()).isEqualTo(now.minusSeconds(60));
    }

    @Test
    @DisplayName("a provider sees a package it was offered, only its own offer; one never offered sees nothing")
    void whatEachCallerSees() {
        given(commissioned("P", "C-1", 420, "2026-11-01", null), offered("P", "alpha"), offered("P", "beta"));
        given(accepted("P", "beta", "C-1"));
        Caller council = new Caller("cc", Role.COUNCIL, null);
        Caller alpha = new Caller("a", Role.PROVIDER, "alpha");
        Caller gamma = new Caller("g", Role.PROVIDER, "gamma");
        assertThat(view().visibleTo(council)).isTrue();
        assertThat(outcomes(view().seenBy(council))).containsExactly("alpha=WITHDRAWN", "beta=ACCEPTED");
        assertThat(view().visibleTo(alpha)).isTrue();
        assertThat(outcomes(view().seenBy(alpha))).containsExactly("alpha=WITHDRAWN");
        assertThat(view().visibleTo(gamma)).isFalse();
    }

    @Test
    @DisplayName("the answer's offers say provider, outcome and decline, not when they were made")
    void offerJson() {
        given(commissioned("P", "C-1", 420, "2026-11-01", null), offered("P", "alpha"), offered("P", "beta"));
        given(declined("P", "beta", DeclineReason.NO_CAPACITY));
        String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(view());
        assertThat(json)
                .contains("\"offers\":[{\"providerId\":\"alpha\",\"outcome\":\"PENDING\"},"
                        + "{\"providerId\":\"beta\",\"outcome\":\"DECLINED\",\"declineReason\":\"NO_CAPACITY\"}]")
                .doesNotContain("offeredAt")
                .doesNotContain("\"providerId\":null");
    }
}
