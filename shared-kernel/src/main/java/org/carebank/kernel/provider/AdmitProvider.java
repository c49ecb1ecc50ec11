package org.carebank.kernel.provider;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AdmitProvider(
        @TargetAggregateIdentifier String providerId, String name, List<String> zones, CqcRatings cqc) {}
