package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelVisit(
        @TargetAggregateIdentifier String visitId,
        CancellationInitiator initiatedBy,
        String reason,
        Instant requestedAt) {}
