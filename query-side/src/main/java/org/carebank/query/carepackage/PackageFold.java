package org.carebank.query.carepackage;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.query.carepackage.PackageQueryController.Offer;
import org.carebank.query.carepackage.PackageQueryController.PackageView;

/**
 * The package view folded from the package's own events, for answers as of a past instant. It follows {@link
 * PackageProjection} rule for rule (offers included); a test compares the two over every package in the store.
 */
final class PackageFold {

    private PackageFold() {}

    /** The package as the caller may see it, or empty when it did not exist yet or is not the caller's to see. */
    static Optional<PackageView> fold(List<? extends EventMessage<?>> events, Caller caller) {
        State state = null;
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof PackageCommissioned commissioned) {
                state = new State(commissioned);
            } else if (state != null) {
                state.apply(payload, event.getTimestamp());
            }
        }
        return Optional.ofNullable(state).filter(s -> s.visibleTo(caller)).map(s -> s.view(caller));
    }

    private static final class OfferState {
        final String providerId;
        final Instant offeredAt;
        String outcome = "PENDING";
        String declineReason;
        String declineNote;

        OfferState(String providerId, Instant offeredAt) {
            this.providerId = providerId;
            this.offeredAt = offeredAt;
        }
    }

    private static final class State {
        final PackageCommissioned commission;
        PackageStatus status = PackageStatus.COMMISSIONED;
        String providerId;
        final Map<String, OfferState> offers = new LinkedHashMap<>();

        State(PackageCommissioned commission) {
            this.commission = commission;
        }

        void apply(Object payload, Instant at) {
            if (payload instanceof PackageOffered event) {
                offers.put(event.providerId(), new OfferState(event.providerId(), at));
                status = PackageStatus.OFFERED;
            } else if (payload instanceof PackageAccepted event) {
                outcome(event.providerId(), "ACCEPTED", null, null);
                offers.values().stream()
                        .filter(offer -> offer.outcome.equals("PENDING"))
                        .forEach(offer -> offer.outcome = "WITHDRAWN");
                status = PackageStatus.ACTIVE;
                providerId = event.providerId();
            } else if (payload instanceof PackageDeclined event) {
                outcome(event.providerId(), "DECLINED", event.reason().name(), event.note());
                if (offers.values().stream().noneMatch(offer -> offer.outcome.equals("PENDING"))) {
                    status = PackageStatus.COMMISSIONED;
                }
            } else if (payload instanceof PackageHandedBack event) {
                outcome(event.providerId(), "HANDED_BACK", null, null);
                status = PackageStatus.HANDED_BACK;
                providerId = null;
            }
        }

        private void outcome(String provider, String outcome, String reason, String note) {
            OfferState offer = offers.get(provider);
            if (offer != null) {
                offer.outcome = outcome;
                offer.declineReason = reason;
                offer.declineNote = note;
            }
        }

        /** A provider sees a package while it holds it or once it was offered it, as the live view decides. */
        boolean visibleTo(Caller caller) {
            return caller.providerId() == null
                    || caller.providerId().equals(providerId)
                    || offers.containsKey(caller.providerId());
        }

        PackageView view(Caller caller) {
            List<Offer> visibleOffers = offers.values().stream()
                    .sorted(Comparator.comparing((OfferState offer) -> offer.offeredAt)
                            .thenComparing(offer -> offer.providerId))
                    .filter(offer -> caller.mayActFor(offer.providerId))
                    .map(offer -> new Offer(offer.providerId, offer.outcome, offer.declineReason, offer.declineNote))
                    .toList();
            return new PackageView(
                    commission.packageId(),
                    commission.clientRef(),
                    commission.zone(),
                    commission.weeklyMinutes(),
                    commission.hourlyRatePence(),
                    commission.timeBanking(),
                    commission.startsOn(),
                    commission.endsOn(),
                    status,
                    providerId,
                    visibleOffers);
        }
    }
}
