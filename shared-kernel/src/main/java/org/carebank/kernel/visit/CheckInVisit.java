package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CheckInVisit(
        @TargetAggregateIdentifier String visitId, Instant at, EcmMethod method, String reason, Location location) {}
