package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delivered minutes reported without electronic call monitoring; a reason is required. */
public record RecordDelivery(
        @TargetAggregateIdentifier String visitId,
        Instant startedAt,
        int deliveredMinutes,
        boolean endedEarlyAtClientRequest,
        String reason) {}
