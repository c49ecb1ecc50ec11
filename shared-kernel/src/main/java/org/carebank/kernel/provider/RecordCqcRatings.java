package org.carebank.kernel.provider;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordCqcRatings(@TargetAggregateIdentifier String providerId, CqcRatings cqc) {}
