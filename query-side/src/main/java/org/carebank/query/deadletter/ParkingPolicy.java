package org.carebank.query.deadletter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * Parks an event the second time in a row a projection fails to handle or write it, and keeps a parked one that fails
 * again on a retry, counting the attempts (ADR 0010). The first failure fails the batch instead, which the processor
 * rolls back and retries: a failure that does not repeat (two nodes racing for one segment, where the loser's insert
 * meets the winner's row: measured in {@code TwoNodesTest}, which parked every withdrawal when the first failure
 * parked) must not park a good event for good, and one that repeats (a row the store refuses) is parked on the retry,
 * a few hundred milliseconds later. A failure of the database itself does not park either: the letter cannot be stored,
 * and the batch is retried as before. The cause is cut to what the queue's column holds.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String ATTEMPTS = "attempts";
    private static final int REMEMBERED = 10_000;

    /** Events that failed once and have not been parked yet, by id; bounded, as a flood must not hold memory. */
    private static final Map<String, Boolean> failedOnce = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        String eventId = letter.message().getIdentifier();
        if (attempts(letter) == 0 && failedOnce.remove(eventId) == null) {
            failedOnce.put(eventId, Boolean.TRUE);
            throw new FailedOnce(ParkedEvent.of(letter.message()), cause);
        }
        return Decisions.enqueue(
                ThrowableCause.truncated(cause), parked -> parked.diagnostics().and(ATTEMPTS, attempts(parked) + 1));
    }

    /** How many times the letter's event failed: 0 for one not yet parked. */
    static int attempts(DeadLetter<?> letter) {
        MetaData diagnostics = letter.diagnostics();
        Object attempts = diagnostics == null ? null : diagnostics.get(ATTEMPTS);
        return attempts == null ? 0 : Integer.parseInt(attempts.toString());
    }

    /**
     * Fails the batch once so that it is retried. It names the event and the cause's type only (no payload, no cause
     * message, which may quote the row) and carries no stack trace: the processor logs it as one WARN line.
     */
    static final class FailedOnce extends RuntimeException {

        FailedOnce(ParkedEvent event, Throwable cause) {
            super(
                    event.type() + " of " + event.aggregateId() + " at position " + event.position() + " failed ("
                            + cause.getClass().getSimpleName()
                            + "); the batch is retried and the event parked if it fails again (ADR 0010)",
                    null,
                    false,
                    false);
        }
    }
}
