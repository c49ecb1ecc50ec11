package org.carebank.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackerStatus;
import org.carebank.query.rebuild.RebuildProgress.State;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What GET .../rebuild reports while a replay runs, once it is done and when it could not start. */
class RebuildRunTest {

    private static final Instant STARTED = Instant.parse("2026-03-02T09:00:00Z");

    /** A segment replaying: reset when the store's head was {@code resetAt}, now at {@code at}. */
    private static EventTrackerStatus replaying(long resetAt, long at) {
        return new TrackerStatus(
                Segment.ROOT_SEGMENT,
                ReplayToken.createReplayToken(
                        new GlobalSequenceTrackingToken(resetAt), new GlobalSequenceTrackingToken(at)));
    }

    @Test
    @DisplayName(
            "replaying: the head to reach is the newest reset position, the rate is over the time since asked, the time left at that rate")
    void replayingProgress() {
        var run = new RebuildRun(STARTED, 100, 1);

        var progress = run.progress("visit-views", true, List.of(replaying(120, 40)), 40, STARTED.plusSeconds(4));

        assertThat(progress.state()).isEqualTo(State.REBUILDING);
        assertThat(progress.total()).isEqualTo(120);
        assertThat(progress.position()).isEqualTo(40);
        assertThat(progress.percent()).isEqualTo(33.3);
        assertThat(progress.eventsPerSecond()).isEqualTo(10);
        assertThat(progress.secondsLeft()).as("80 events left at 10 a second").isEqualTo(8);
        assertThat(progress.seconds()).isEqualTo(4.0);
        assertThat(progress.segments()).isEqualTo(1);
        assertThat(progress.retryAfterSeconds()).isEqualTo(9);
    }

    @Test
    @DisplayName("finished: 100 %, the rate and time of the whole rebuild, however long ago it finished")
    void finished() {
        var run = new RebuildRun(STARTED, 200, 2);
        run.finishedAt = STARTED.plusSeconds(8);

        var progress = run.progress("visit-views", false, List.of(), 200, STARTED.plusSeconds(3600));

        assertThat(progress.state()).isEqualTo(State.LIVE);
        assertThat(progress.percent()).isEqualTo(100.0);
        assertThat(progress.eventsPerSecond()).isEqualTo(25);
        assertThat(progress.secondsLeft()).isNull();
        assertThat(progress.seconds()).isEqualTo(8.0);
        assertThat(progress.finishedAt()).isEqualTo(STARTED.plusSeconds(8));
    }

    @Test
    @DisplayName("could not start: FAILED with the reason; an empty store counts as 100 % at once")
    void failedAndEmpty() {
        var run = new RebuildRun(STARTED, 0, 1);
        run.error = "only 0 of 1 segments were handed over within 30 s";

        var progress = run.progress("visit-views", false, List.of(), 0, STARTED);

        assertThat(progress.state()).isEqualTo(State.FAILED);
        assertThat(progress.error()).isEqualTo("only 0 of 1 segments were handed over within 30 s");
        assertThat(progress.percent()).isEqualTo(100.0);
        assertThat(progress.eventsPerSecond()).isNull();
        assertThat(run.inProgress()).isFalse();
    }
}
