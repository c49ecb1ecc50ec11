package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RescheduleVisit(
        @TargetAggregateIdentifier String visitId, Instant plannedStart, int plannedMinutes, Instant requestedAt) {}
