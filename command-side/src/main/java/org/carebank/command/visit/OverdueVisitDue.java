package org.carebank.command.visit;

import java.time.Instant;

/**
 * The payload of the persistent "overdue visit" deadline, set beside the missed one (ADR 0017). It names the planned
 * start it was set for, so a deadline left over from before a reschedule is ignored. Stored by db-scheduler: keep its
 * shape stable.
 */
record OverdueVisitDue(Instant plannedStart, Instant dueAt) {}
