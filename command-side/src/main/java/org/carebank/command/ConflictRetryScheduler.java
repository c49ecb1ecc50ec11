package org.carebank.command;

import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.gateway.ExponentialBackOffIntervalRetryScheduler;

/**
 * Axon's exponential back-off retry scheduler, retrying only a command that lost a race for its aggregate's next
 * sequence number (another node appended first): it then runs against the winner's state. Nothing else is retried: a
 * refused command would be refused again, and a broken store needs a person. After the last retry the conflict reaches
 * the caller as a 409.
 *
 * <p>Axon's {@code nonTransientFailurePredicate} cannot say this on its own: Axon asks it of the failure and of every
 * cause, and a conflict's cause (the store's unique-key violation) is no conflict, so "not a conflict" would stop every
 * retry, while "a refusal other than a conflict" would retry faults. The rule is therefore Axon's hook for it, the whole
 * chain at once (ADR 0012).
 */
final class ConflictRetryScheduler extends ExponentialBackOffIntervalRetryScheduler {

    private ConflictRetryScheduler(Builder builder) {
        super(builder);
    }

    /** Retries a conflict up to {@code conflictRetries} times, the first after the interval, doubling after that. */
    static ConflictRetryScheduler of(ScheduledExecutorService executor, ConflictRetrySettings settings) {
        return new ConflictRetryScheduler(ExponentialBackOffIntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(settings.conflictRetries())
                .backoffFactor(settings.conflictRetryIntervalMs()));
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        return !isConflict(failure);
    }

    /** Here or on the node that handled the command (Axon Server carries the refusal, not the exception's class). */
    static boolean isConflict(Throwable failure) {
        return CommandFailures.isConflict(failure);
    }
}
