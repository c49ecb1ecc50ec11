package org.carebank.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.carebank.kernel.refusal.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which failed commands the gateway sends again, how often and after how long (ADR 0012). */
class ConflictRetrySchedulerTest {

    /** Long enough that the time this test takes cannot blur the delays it reads back. */
    private static final long INTERVAL_MS = 10_000;

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final ConflictRetryScheduler scheduler =
            ConflictRetryScheduler.of(executor, new ConflictRetrySettings(3, INTERVAL_MS));
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage("withdraw");

    /** The shape the storage engine throws: the conflict caused by the store's unique-key violation. */
    private final ConcurrencyException conflict = new ConcurrencyException(
            "sequence 4 of timebank:C1 already taken",
            new SQLIntegrityConstraintViolationException("duplicate key", "23505"));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aConflictIsRetriedThreeTimesAfterAnIntervalThatDoubles() {
        var failures = new ArrayList<Class<? extends Throwable>[]>();
        var delays = new ArrayList<Long>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            failures.add(chainOf(conflict));
            assertThat(scheduler.scheduleRetry(command, conflict, failures, () -> {}))
                    .as("retry %d", attempt)
                    .isTrue();
            delays.add(lastScheduledDelayMillis());
        }
        assertThat(delays.get(0)).isBetween(INTERVAL_MS - 1_000, INTERVAL_MS);
        assertThat(delays.get(1)).isBetween(2 * INTERVAL_MS - 1_000, 2 * INTERVAL_MS);
        assertThat(delays.get(2)).isBetween(4 * INTERVAL_MS - 1_000, 4 * INTERVAL_MS);

        failures.add(chainOf(conflict));
        assertThat(scheduler.scheduleRetry(command, conflict, failures, () -> {}))
                .as("the fourth conflict reaches the caller")
                .isFalse();
    }

    @Test
    void aConflictOnTheNodeThatHandledTheCommandIsRetriedToo() {
        var remote = new CommandRefusedException(Refusal.conflict(CommandFailures.CONCURRENT_MODIFICATION, "retry"));

        assertThat(scheduler.scheduleRetry(
                        command, remote, List.<Class<? extends Throwable>[]>of(chainOf(remote)), () -> {}))
                .isTrue();
    }

    @Test
    void aRefusalIsNeverRetried() {
        var refused = new CommandRefusedException(
                Refusal.rule("time-bank-overdrawn", "The bank holds 5 minutes.").with("balanceMinutes", 5));

        assertThat(scheduler.scheduleRetry(
                        command, refused, List.<Class<? extends Throwable>[]>of(chainOf(refused)), () -> {}))
                .isFalse();
        assertThat(executor.getQueue()).isEmpty();
    }

    @Test
    void aFaultIsNeverRetried() {
        var fault = new IllegalStateException("the database is gone");

        assertThat(scheduler.scheduleRetry(
                        command, fault, List.<Class<? extends Throwable>[]>of(chainOf(fault)), () -> {}))
                .isFalse();
        assertThat(executor.getQueue()).isEmpty();
    }

    private long lastScheduledDelayMillis() {
        RunnableScheduledFuture<?> last = null;
        for (var task : executor.getQueue()) {
            var scheduled = (RunnableScheduledFuture<?>) task;
            if (last == null || scheduled.getDelay(TimeUnit.MILLISECONDS) > last.getDelay(TimeUnit.MILLISECONDS)) {
                last = scheduled;
            }
        }
        assertThat((Object) last).as("a retry was scheduled").isNotNull();
        return last.getDelay(TimeUnit.MILLISECONDS);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] chainOf(Throwable failure) {
        var chain = new ArrayList<Class<? extends Throwable>>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.add(cause.getClass());
        }
        return chain.toArray(Class[]::new);
    }
}
