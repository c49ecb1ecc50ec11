package org.carebank.kernel.provider;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

public record AdmitProvider(String providerId, String name, List<String> zones, CqcRatings cqc) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
