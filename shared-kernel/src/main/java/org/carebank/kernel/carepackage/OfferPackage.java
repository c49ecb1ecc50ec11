package org.carebank.kernel.carepackage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OfferPackage(@TargetAggregateIdentifier String packageId, String providerId) {}
