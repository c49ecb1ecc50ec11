package org.carebank.kernel.alert;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The service raised an alert on a visit: OVERDUE at its late threshold, MISSED at its missed threshold, ESCALATED when
 * a time-critical alert was not acknowledged in time ({@code escalationOf} then names that alert). Recorded on the
 * visit's own history, by the service (metadata role SYSTEM).
 */
@Revision("1")
public record AlertRaised(
        String alertId,
        AlertKind kind,
        String visitId,
        String providerId,
        String clientRef,
        boolean timeCritical,
        Instant plannedStart,
        Instant raisedAt,
        String escalationOf) {}
