package org.carebank.kernel.alert;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An alert ended with an outcome. {@code automatic} when the service resolved it because the visit moved on (a
 * check-in: {@code WORKER_ARRIVED}; a reschedule or cancellation: {@code VISIT_REARRANGED}), not a person.
 */
@Revision("1")
public record AlertResolved(
        String alertId,
        String visitId,
        String providerId,
        AlertOutcome outcome,
        String note,
        Instant resolvedAt,
        boolean automatic) {}
