package org.carebank.query.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff (the first delay, doubling per attempt, capped), each
 * delay cut to a random 50-100% of itself so that many deliveries failing together do not return together, for the
 * retry period from when it was queued.
 */
final class RetrySchedule {

    private final WebhookSettings settings;
    private final DoubleSupplier random;

    RetrySchedule(WebhookSettings settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    /** The delay after attempt {@code attempt} (1 = the first) failed. */
    Duration delayAfter(int attempt) {
        long initial = settings.initialBackoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long exponential = attempt >= 40 ? cap : Math.min(cap, initial << Math.max(0, attempt - 1));
        return Duration.ofMillis((long) (exponential * (0.5 + 0.5 * random.getAsDouble())));
    }

    /**
     * The next attempt's moment, or null when the retry period is over and the delivery has failed. The last attempt
     * is made at the end of the period, so a receiver is tried for the whole of it.
     */
    Instant nextAttempt(Instant queuedAt, Instant now, int attempt) {
        Instant end = queuedAt.plus(settings.retryFor());
        if (!now.isBefore(end)) {
            return null;
        }
        Instant next = now.plus(delayAfter(attempt));
        return next.isAfter(end) ? end : next;
    }
}
