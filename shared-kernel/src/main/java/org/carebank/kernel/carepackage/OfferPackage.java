package org.carebank.kernel.carepackage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

public record OfferPackage(String packageId, String providerId) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.carePackage(packageId);
    }
}
