package org.carebank.command.carepackage;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.AcceptPackage;
import org.carebank.kernel.carepackage.OfferPackage;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.springframework.stereotype.Component;

/** Offers and acceptances depend on the provider's list status, which another aggregate owns: read it here. */
@Component
class PackageOffers {

    private final Repository<CarePackage> packages;
    private final CommandLookups lookups;

    PackageOffers(Repository<CarePackage> packages, CommandLookups lookups) {
        this.packages = packages;
        this.lookups = lookups;
    }

    @CommandHandler
    CommandOutcome handle(OfferPackage command) {
        var carePackage = packages.load(command.streamId());
        ListStatus status = providerStatus(command.providerId());
        return carePackage.invoke(p -> p.offer(command, status));
    }

    @CommandHandler
    CommandOutcome handle(AcceptPackage command, Caller caller) {
        var carePackage = packages.load(command.streamId());
        ListStatus status = caller.mayActFor(command.providerId()) ? providerStatus(command.providerId()) : null;
        return carePackage.invoke(p -> p.accept(command, status, caller));
    }

    private ListStatus providerStatus(String providerId) {
        return lookups.providerStatus(providerId)
                .orElseThrow(() -> Refusal.notFound("unknown-provider", "No provider " + providerId + ".")
                        .exception());
    }
}
