package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Nobody checked in by planned start plus the missed threshold: detected by the service, not reported. */
@Revision("1")
public record VisitMissed(
        String visitId,
        String providerId,
        String clientRef,
        String workerId,
        Instant plannedStart,
        int missedAfterMinutes,
        Instant detectedAt) {}
