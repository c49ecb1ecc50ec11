package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CheckOutVisit(
        @TargetAggregateIdentifier String visitId,
        Instant at,
        EcmMethod method,
        boolean endedEarlyAtClientRequest,
        String reason) {}
