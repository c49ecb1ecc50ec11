package org.carebank.query.carepackage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.PackageStatus;

/**
 * One care package as the query side answers it: the commission, its status and provider, and every offer made with how
 * it ended, in the order they were made. {@link PackageFold} makes it from the package's events, for the live view and
 * for answers as of a past instant.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PackageView(
        String packageId,
        String clientRef,
        String zone,
        int weeklyMinutes,
        int hourlyRatePence,
        boolean timeBanking,
        LocalDate startsOn,
        LocalDate endsOn,
        PackageStatus status,
        String providerId,
        List<Offer> offers) {

    /** One offer to one provider; {@code offeredAt} orders the offers and is not part of the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Offer(
            String providerId,
            String outcome,
            String declineReason,
            String declineNote,
            @JsonIgnore Instant offeredAt) {

        /** Offers as they were made: the latest offer to a provider counts, ties in provider order. */
        static final Comparator<Offer> ORDER =
                Comparator.comparing(Offer::offeredAt).thenComparing(Offer::providerId);
    }

    /** A provider sees a package while it holds it or once it was offered it; the council sees every package. */
    boolean visibleTo(Caller caller) {
        return caller.providerId() == null
                || caller.providerId().equals(providerId)
                || offers.stream().anyMatch(offer -> offer.providerId().equals(caller.providerId()));
    }

    /** The package as the caller sees it: a provider sees its own offer, not who else the package was offered to. */
    PackageView seenBy(Caller caller) {
        return with(
                status,
                providerId,
                offers.stream()
                        .filter(offer -> caller.mayActFor(offer.providerId()))
                        .toList());
    }

    /** The same commission with this status, provider and offers, the offers in the order they were made. */
    PackageView with(PackageStatus status, String providerId, List<Offer> offers) {
        return new PackageView(
                packageId,
                clientRef,
                zone,
                weeklyMinutes,
                hourlyRatePence,
                timeBanking,
                startsOn,
                endsOn,
                status,
                providerId,
                offers.stream().sorted(Offer.ORDER).toList());
    }
}
