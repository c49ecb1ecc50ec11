package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code minutesLate} is whole minutes after planned start (0 when early or on time). */
@Revision("1")
public record VisitCheckedIn(
        String visitId,
        String workerId,
        Instant at,
        EcmMethod method,
        String reason,
        Location location,
        boolean late,
        long minutesLate) {}
