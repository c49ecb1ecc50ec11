package org.carebank.command;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;

/**
 * Retries a command that lost a race for its aggregate's next sequence number (another node appended first), a few
 * times after a short random pause; it then runs against the winner's state. Nothing else is retried: a refused
 * command would be refused again, and a broken store needs a person. After the last retry the conflict reaches the
 * caller as a 409.
 */
class ConflictRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final long intervalMillis;

    ConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, long intervalMillis) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable commandDispatch) {
        if (!isConflict(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        long pause = intervalMillis + ThreadLocalRandom.current().nextLong(intervalMillis + 1);
        executor.schedule(commandDispatch, pause, TimeUnit.MILLISECONDS);
        return true;
    }

    /** Here or on the node that handled the command (Axon Server carries the refusal, not the exception's class). */
    static boolean isConflict(Throwable failure) {
        return CommandFailures.isConflict(failure);
    }
}
