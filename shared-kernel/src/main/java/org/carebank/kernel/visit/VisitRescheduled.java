package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VisitRescheduled(
        String visitId,
        String workerId,
        Instant previousStart,
        int previousMinutes,
        Instant plannedStart,
        int plannedMinutes) {}
