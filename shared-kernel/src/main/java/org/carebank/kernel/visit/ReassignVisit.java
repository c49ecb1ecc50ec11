package org.carebank.kernel.visit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReassignVisit(@TargetAggregateIdentifier String visitId, String workerId) {}
