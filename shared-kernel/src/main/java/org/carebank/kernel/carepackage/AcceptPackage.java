package org.carebank.kernel.carepackage;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcceptPackage(@TargetAggregateIdentifier String packageId, String providerId) {}
