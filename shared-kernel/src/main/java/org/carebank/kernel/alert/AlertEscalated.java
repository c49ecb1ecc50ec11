package org.carebank.kernel.alert;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A time-critical alert stayed open, unacknowledged, for the escalation setting: it goes to the council as an alert of
 * its own, {@code escalationAlertId} (raised by the {@link AlertRaised} that follows this event).
 */
@Revision("1")
public record AlertEscalated(
        String alertId,
        String visitId,
        String providerId,
        String escalationAlertId,
        int unacknowledgedMinutes,
        Instant escalatedAt) {}
