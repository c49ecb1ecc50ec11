package org.carebank.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Parks an event the first time a projection fails to handle or write it, and keeps a parked one that fails again on a
 * retry, counting the attempts. Why the first time (ADR 0010): a projection's failures are deterministic (the same
 * event fails the same way on every retry of its batch), and retrying first would hold the whole stream back; a failure
 * of the database itself is no reason to park, and does not park, because the letter cannot be stored either and the
 * batch is retried as before. The cause is cut to what the queue's column holds.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        return Decisions.enqueue(
                ThrowableCause.truncated(cause), parked -> parked.diagnostics().and(ATTEMPTS, attempts(parked) + 1));
    }

    /** How many times the letter's event failed: 0 for one not yet parked. */
    static int attempts(DeadLetter<?> letter) {
        MetaData diagnostics = letter.diagnostics();
        Object attempts = diagnostics == null ? null : diagnostics.get(ATTEMPTS);
        return attempts == null ? 0 : Integer.parseInt(attempts.toString());
    }
}
