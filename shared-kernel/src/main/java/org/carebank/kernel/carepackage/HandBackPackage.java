package org.carebank.kernel.carepackage;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

public record HandBackPackage(String packageId, String reason, LocalDate effectiveOn) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.carePackage(packageId);
    }
}
