package org.carebank.query.carepackage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.query.carepackage.PackageView.Offer;
import org.carebank.query.web.Sql;

/**
 * The package view's rules, once: what each event of a package makes of its view. The live projection applies them to
 * the rows a batch touches, an answer as of a past instant folds the package's history with them.
 */
final class PackageFold {

    static final String PENDING = "PENDING";

    private PackageFold() {}

    /** The package a payload is about, or null when it is not a package event this view follows. */
    static String packageIdOf(Object payload) {
        if (payload instanceof PackageCommissioned event) {
            return event.packageId();
        } else if (payload instanceof PackageOffered event) {
            return event.packageId();
        } else if (payload instanceof PackageAccepted event) {
            return event.packageId();
        } else if (payload instanceof PackageDeclined event) {
            return event.packageId();
        } else if (payload instanceof PackageHandedBack event) {
            return event.packageId();
        }
        return null;
    }

    /** The package as its events up to now leave it, or empty before it was commissioned. */
    static Optional<PackageView> fold(List<? extends EventMessage<?>> events) {
        PackageView view = null;
        for (EventMessage<?> event : events) {
            view = apply(view, event.getPayload(), event.getTimestamp());
        }
        return Optional.ofNullable(view);
    }

    /**
     * What {@code event}, recorded {@code at}, makes of {@code view} (null before the commission); the same view when
     * the event changes nothing. A package is commissioned once: a repeated commission changes nothing.
     */
    static PackageView apply(PackageView view, Object event, Instant at) {
        if (event instanceof PackageCommissioned commission) {
            return view == null ? commissioned(commission) : view;
        }
        if (view == null) {
            return view;
        }
        if (event instanceof PackageOffered offered) {
            // An offer made again to the same provider starts again, as the latest offer.
            var offers = without(view.offers(), offered.providerId());
            offers.add(new Offer(offered.providerId(), PENDING, null, null, Sql.stored(at)));
            return view.with(PackageStatus.OFFERED, view.providerId(), offers);
        } else if (event instanceof PackageAccepted accepted) {
            // The other providers' pending offers are withdrawn.
            var offers = new ArrayList<Offer>();
            for (Offer offer : outcome(view.offers(), accepted.providerId(), "ACCEPTED", null, null)) {
                offers.add(
                        offer.outcome().equals(PENDING)
                                ? new Offer(offer.providerId(), "WITHDRAWN", null, null, offer.offeredAt())
                                : offer);
            }
            return view.with(PackageStatus.ACTIVE, accepted.providerId(), offers);
        } else if (event instanceof PackageDeclined declined) {
            var offers = outcome(
                    view.offers(),
                    declined.providerId(),
                    "DECLINED",
                    declined.reason().name(),
                    declined.note());
            // Back to COMMISSIONED when no other offer is pending, as the aggregate decides.
            boolean pending = offers.stream().anyMatch(offer -> offer.outcome().equals(PENDING));
            return view.with(pending ? view.status() : PackageStatus.COMMISSIONED, view.providerId(), offers);
        } else if (event instanceof PackageHandedBack handedBack) {
            var offers = outcome(view.offers(), handedBack.providerId(), "HANDED_BACK", null, null);
            return view.with(PackageStatus.HANDED_BACK, null, offers);
        }
        return view;
    }

    private static PackageView commissioned(PackageCommissioned event) {
        return new PackageView(
                event.packageId(),
                event.clientRef(),
                event.zone(),
                event.weeklyMinutes(),
                event.hourlyRatePence(),
                event.timeBanking(),
                event.startsOn(),
                event.endsOn(),
                PackageStatus.COMMISSIONED,
                null,
                List.of());
    }

    /** The offers with the provider's outcome set; no offer to the provider, no change. */
    private static List<Offer> outcome(
            List<Offer> offers, String providerId, String outcome, String reason, String note) {
        return offers.stream()
                .map(offer -> offer.providerId().equals(providerId)
                        ? new Offer(providerId, outcome, reason, note, offer.offeredAt())
                        : offer)
                .toList();
    }

    private static List<Offer> without(List<Offer> offers, String providerId) {
        var rest = new ArrayList<Offer>();
        for (Offer offer : offers) {
            if (!offer.providerId().equals(providerId)) {
                rest.add(offer);
            }
        }
        return rest;
    }
}
