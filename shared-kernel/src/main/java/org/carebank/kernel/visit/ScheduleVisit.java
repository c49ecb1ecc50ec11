package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code requestedAt} is when the service received the request: a visit whose missed moment is past is missed now. */
public record ScheduleVisit(@TargetAggregateIdentifier String visitId, VisitPlan plan, Instant requestedAt) {}
