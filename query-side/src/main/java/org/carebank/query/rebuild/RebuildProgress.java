package org.carebank.query.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * Where a projection stands. {@code position} and {@code total} are global indexes of the event store: how far the
 * processor has read, and the head it must reach (the head when the rebuild began). {@code secondsLeft} is the time a
 * rebuild still needs at its rate so far.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RebuildProgress(
        String name,
        State state,
        Instant startedAt,
        Instant finishedAt,
        long position,
        long total,
        Double percent,
        Long eventsPerSecond,
        Long secondsLeft,
        Double seconds,
        Integer segments,
        String error) {

    public enum State {
        /** Answering from complete tables. */
        LIVE,
        /** Tables reset, events being replayed: the projection's API answers 503. */
        REBUILDING,
        /** The rebuild could not be started; the processor was restarted where it was. */
        FAILED
    }

    /** Seconds a client should wait before asking again, from the rate so far (1 to 60). */
    long retryAfterSeconds() {
        if (secondsLeft == null) {
            return 5;
        }
        return Math.max(1, Math.min(60, secondsLeft + 1));
    }

    /** The time left at a rate, or none while there is no rate to go by. */
    static Long secondsLeft(long done, long target, Long eventsPerSecond) {
        return eventsPerSecond == null || eventsPerSecond <= 0 ? null : Math.max(0, target - done) / eventsPerSecond;
    }
}
