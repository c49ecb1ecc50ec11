package org.carebank.standalone;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two query instances on one database share a projection's segments, and the survivor takes all of them when the other
 * stops (ADR 0011). Short claim intervals keep the test quick; the printed times are the measurement the ADR quotes.
 */
class SegmentSharingTest {

    private static final String PROJECTION = "visit-views";
    private static final String[] SETTINGS = {
        "--carebank.projections.segments=4",
        "--carebank.projections.claim-interval=1s",
        "--carebank.projections.claim-timeout=2s"
    };

    @Test
    @DisplayName("a second instance gets half of the four segments; when it stops, the first takes all four back")
    void sharesAndTakesOver() {
        try (var first = RunningService.start("segment_sharing", SETTINGS)) {
            awaitClaimed(first, 4, "the only instance claims every segment");
            try (var second = RunningService.start("segment_sharing", SETTINGS)) {
                long started = System.nanoTime();
                // A released segment stays in the first's status until its work package has stopped: wait for both.
                Awaitility.await("each instance holds its share of two")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> claimed(second) == 2 && claimed(first) == 2);
                System.out.printf(
                        "segment sharing: shared 2/2 %d ms after the second instance had started%n",
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            long left = System.nanoTime();
            awaitClaimed(first, 4, "the survivor takes the stopped instance's segments");
            System.out.printf(
                    "segment sharing: survivor held 4/4 %d ms after the second instance stopped%n",
                    Duration.ofNanos(System.nanoTime() - left).toMillis());
        }
    }

    private static void awaitClaimed(RunningService service, int segments, String why) {
        Awaitility.await(why)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> claimed(service) == segments);
    }

    private static int claimed(RunningService service) {
        return service.bean(EventProcessingConfiguration.class)
                .eventProcessor(PROJECTION, StreamingEventProcessor.class)
                .orElseThrow()
                .processingStatus()
                .size();
    }
}
