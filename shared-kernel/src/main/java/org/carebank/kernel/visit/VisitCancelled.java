package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code noticeMinutes} is the time from cancellation to planned start (negative when cancelled after it). */
@Revision("1")
public record VisitCancelled(
        String visitId,
        String providerId,
        String workerId,
        CancellationInitiator initiatedBy,
        String reason,
        Instant cancelledAt,
        Instant plannedStart,
        long noticeMinutes) {}
