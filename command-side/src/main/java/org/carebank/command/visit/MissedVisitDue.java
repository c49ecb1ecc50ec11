package org.carebank.command.visit;

import java.time.Instant;

/**
 * The payload of the persistent "missed visit" deadline. It names the planned start it was set for, so a deadline
 * left over from before a reschedule is recognised and ignored. Stored by db-scheduler: keep its shape stable.
 */
record MissedVisitDue(Instant plannedStart, Instant dueAt) {}
