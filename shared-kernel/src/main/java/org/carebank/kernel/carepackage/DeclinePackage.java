package org.carebank.kernel.carepackage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeclinePackage(
        @TargetAggregateIdentifier String packageId, String providerId, DeclineReason reason, String note) {}
