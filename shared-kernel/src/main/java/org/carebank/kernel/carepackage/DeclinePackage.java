package org.carebank.kernel.carepackage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

public record DeclinePackage(String packageId, String providerId, DeclineReason reason, String note) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.carePackage(packageId);
    }
}
