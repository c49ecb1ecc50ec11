package org.carebank.command.carepackage;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.AcceptPackage;
import org.carebank.kernel.carepackage.CommissionPackage;
import org.carebank.kernel.carepackage.DeclinePackage;
import org.carebank.kernel.carepackage.HandBackPackage;
import org.carebank.kernel.carepackage.OfferPackage;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.kernel.payment.PackageRateChanged;
import org.carebank.kernel.payment.RecordPackageRate;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;

/**
 * The council's commission for one client. It is offered to providers, which accept or decline it; the one that
 * accepted may hand it back, after which it can be offered again.
 */
@Aggregate
class CarePackage {

    @AggregateIdentifier
    private String streamId;

    private String packageId;

    private CommissionPackage commission;
    private PackageStatus status;
    private String providerId;
    private String lastHeldBy;
    private final Set<String> pendingOffers = new HashSet<>();
    private final Map<String, PackageRateChanged> rates = new HashMap<>();
    private final Map<String, PackageDeclined> declines = new HashMap<>();
    private PackageHandedBack handBack;

    protected CarePackage() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandOutcome handle(CommissionPackage command) {
        if (packageId != null) {
            if (commission.equals(command)) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "package-id-reused",
                            "Package " + packageId + " is already commissioned with other details.")
                    .exception();
        }
        if (command.endsOn() != null && command.endsOn().isBefore(command.startsOn())) {
            throw Refusal.rule("package-ends-before-it-starts", "A package cannot end before it starts.")
                    .exception();
        }
        apply(new PackageCommissioned(
                command.packageId(),
                command.clientRef(),
                command.zone(),
                command.weeklyMinutes(),
                command.hourlyRatePence(),
                command.timeBanking(),
                command.startsOn(),
                command.endsOn()));
        return CommandOutcome.RECORDED;
    }

    /** Called by {@link PackageOffers} with the provider's list status from the command-side lookup. */
    CommandOutcome offer(OfferPackage command, ListStatus providerStatus) {
        String provider = command.providerId();
        if (pendingOffers.contains(provider) || (status == PackageStatus.ACTIVE && provider.equals(providerId))) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        if (status == PackageStatus.ACTIVE) {
            throw Refusal.conflict(
                            "package-already-active",
                            "Package " + packageId + " is already accepted by provider " + providerId + ".")
                    .exception();
        }
        requireAdmitted(provider, providerStatus);
        apply(new PackageOffered(packageId, provider));
        return CommandOutcome.RECORDED;
    }

    /** Called by {@link PackageOffers}: only an admitted provider with an offer in hand may accept (rule 1). */
    CommandOutcome accept(AcceptPackage command, ListStatus providerStatus, Caller caller) {
        String provider = command.providerId();
        requireActingFor(provider, caller);
        if (status == PackageStatus.ACTIVE) {
            if (provider.equals(providerId)) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "package-already-active",
                            "Package " + packageId + " is already accepted by another provider.")
                    .exception();
        }
        requirePendingOffer(provider);
        requireAdmitted(provider, providerStatus);
        apply(new PackageAccepted(packageId, provider, commission.clientRef()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(DeclinePackage command, Caller caller) {
        String provider = command.providerId();
        requireActingFor(provider, caller);
        PackageDeclined earlier = declines.get(provider);
        if (!pendingOffers.contains(provider) && earlier != null) {
            if (earlier.reason() == command.reason() && Objects.equals(earlier.note(), command.note())) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "package-already-declined",
                            "Provider " + provider + " already declined package " + packageId + " for another reason.")
                    .with("reason", earlier.reason())
                    .exception();
        }
        requirePendingOffer(provider);
        apply(new PackageDeclined(packageId, provider, command.reason(), command.note()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(HandBackPackage command, Caller caller) {
        // Checked first, against the last provider to hold the package, so another provider learns nothing.
        requireActingFor(lastHeldBy, caller);
        if (status != PackageStatus.ACTIVE) {
            if (status == PackageStatus.HANDED_BACK) {
                if (handBack.reason().equals(command.reason())
                        && handBack.effectiveOn().equals(command.effectiveOn())) {
                    return CommandOutcome.ALREADY_RECORDED;
                }
                throw Refusal.conflict(
                                "package-already-handed-back",
                                "Package " + packageId + " was already handed back, effective " + handBack.effectiveOn()
                                        + ", for another reason.")
                        .with("effectiveOn", handBack.effectiveOn())
                        .exception();
            }
            throw Refusal.conflict("package-not-active", "Package " + packageId + " is not with a provider.")
                    .exception();
        }
        apply(new PackageHandedBack(packageId, providerId, command.reason(), command.effectiveOn()));
        return CommandOutcome.RECORDED;
    }

    /** A new hourly rate from a date (domain, "Rate in force"); the rate id makes a retry safe. */
    @CommandHandler
    CommandOutcome handle(RecordPackageRate command) {
        var changed = new PackageRateChanged(
                packageId, command.rateId(), command.hourlyRatePence(), command.effectiveFrom(), command.reason());
        PackageRateChanged earlier = rates.get(command.rateId());
        if (earlier != null) {
            if (earlier.equals(changed)) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "rate-id-reused",
                            "Rate " + command.rateId() + " of package " + packageId + " is already recorded with other"
                                    + " details.")
                    .exception();
        }
        apply(changed);
        return CommandOutcome.RECORDED;
    }

    private void requireActingFor(String provider, Caller caller) {
        if (!caller.mayActFor(provider)) {
            // A provider acting for another gets the answer an unknown package gets: no existence leak.
            throw Refusal.notFound("unknown-package", "No package " + packageId + ".")
                    .exception();
        }
    }

    private void requirePendingOffer(String provider) {
        if (!pendingOffers.contains(provider)) {
            throw Refusal.rule(
                            "no-offer-pending",
                            "Package " + packageId + " has no offer pending to provider " + provider + ".")
                    .exception();
        }
    }

    private static void requireAdmitted(String provider, ListStatus providerStatus) {
        if (providerStatus != ListStatus.ADMITTED) {
            throw Refusal.rule(
                            "provider-suspended",
                            "Provider " + provider + " is suspended from the approved list and cannot take packages.")
                    .exception();
        }
    }

    @EventSourcingHandler
    void on(PackageCommissioned event) {
        streamId = StreamIds.carePackage(event.packageId());
        packageId = event.packageId();
        commission = new CommissionPackage(
                event.packageId(),
                event.clientRef(),
                event.zone(),
                event.weeklyMinutes(),
                event.hourlyRatePence(),
                event.timeBanking(),
                event.startsOn(),
                event.endsOn());
        status = PackageStatus.COMMISSIONED;
    }

    @EventSourcingHandler
    void on(PackageOffered event) {
        pendingOffers.add(event.providerId());
        declines.remove(event.providerId());
        status = PackageStatus.OFFERED;
    }

    @EventSourcingHandler
    void on(PackageAccepted event) {
        pendingOffers.clear();
        providerId = event.providerId();
        lastHeldBy = event.providerId();
        status = PackageStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(PackageDeclined event) {
        pendingOffers.remove(event.providerId());
        declines.put(event.providerId(), event);
        if (pendingOffers.isEmpty()) {
            status = PackageStatus.COMMISSIONED;
        }
    }

    @EventSourcingHandler
    void on(PackageRateChanged event) {
        rates.put(event.rateId(), event);
    }

    @EventSourcingHandler
    void on(PackageHandedBack event) {
        providerId = null;
        handBack = event;
        status = PackageStatus.HANDED_BACK;
    }
}
