package org.carebank.kernel.alert;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provider or the council took an open alert on; who did is in the event's metadata. */
@Revision("1")
public record AlertAcknowledged(
        String alertId, String visitId, String providerId, String note, Instant acknowledgedAt) {}
