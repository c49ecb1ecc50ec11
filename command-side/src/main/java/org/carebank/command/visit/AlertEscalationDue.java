package org.carebank.command.visit;

import java.time.Instant;

/**
 * The payload of the persistent escalation deadline of a time-critical visit: at {@code dueAt}, an alert of this
 * planned start raised at least {@code escalateAfterMinutes} ago and still open is escalated. Stored by db-scheduler:
 * keep its shape stable.
 */
record AlertEscalationDue(Instant plannedStart, Instant dueAt, int escalateAfterMinutes) {}
