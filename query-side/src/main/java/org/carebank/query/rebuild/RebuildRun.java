package org.carebank.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.carebank.query.rebuild.RebuildProgress.State;

/**
 * One rebuild of one projection: when it began, the head of the store it must reach ({@code total}) and how it ended;
 * and where it stands, worked out from its processor's segments.
 */
final class RebuildRun {

    final Instant startedAt;
    final long total;
    final int segments;
    volatile Instant finishedAt;
    volatile String error;
    /** The joint replays reading the store for this projection while its processor is shut down (ADR 0025). */
    volatile java.util.List<JointReplay> joint;

    RebuildRun(Instant startedAt, long total, int segments) {
        this.startedAt = startedAt;
        this.total = total;
        this.segments = segments;
    }

    /** How far the projection has committed in the joint replays of its segments: the slowest segment's position. */
    long jointPosition(String name) {
        var replays = joint;
        return replays == null
                ? 0
                : replays.stream()
                        .map(replay -> replay.position(name))
                        .filter(java.util.OptionalLong::isPresent)
                        .mapToLong(java.util.OptionalLong::getAsLong)
                        .min()
                        .orElse(0);
    }

    boolean inProgress() {
        return finishedAt == null && error == null;
    }

    /**
     * The progress at {@code now}: the head it must reach grows to the newest reset position a segment reports (a
     * reset sees the head a moment after the rebuild began), and the rate is over the time since the request.
     */
    RebuildProgress progress(
            String name, boolean rebuilding, Collection<EventTrackerStatus> statuses, long position, Instant now) {
        long target = Math.max(
                total,
                statuses.stream()
                        .map(EventTrackerStatus::getResetPosition)
                        .filter(OptionalLong::isPresent)
                        .mapToLong(OptionalLong::getAsLong)
                        .max()
                        .orElse(0));
        Instant end = finishedAt == null ? now : finishedAt;
        double seconds = Duration.between(startedAt, end).toMillis() / 1000.0;
        long done = rebuilding ? Math.min(position, target) : target;
        State state = error != null ? State.FAILED : rebuilding ? State.REBUILDING : State.LIVE;
        Long rate = seconds > 0 ? Math.round(done / seconds) : null;
        return new RebuildProgress(
                name,
                state,
                startedAt,
                finishedAt,
                position,
                target,
                target == 0 ? 100.0 : Math.round(1000.0 * done / target) / 10.0,
                rate,
                state == State.REBUILDING ? RebuildProgress.secondsLeft(done, target, rate) : null,
                seconds,
                statuses.size(),
                error);
    }
}
