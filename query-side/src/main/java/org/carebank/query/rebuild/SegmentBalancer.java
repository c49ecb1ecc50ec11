package org.carebank.query.rebuild;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.carebank.query.rebuild.RebuildConfiguration.ProjectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Shares each projection's segments between the query instances that are alive. An Axon pooled processor claims every
 * free segment it finds, and Axon Server SE (unlike its Enterprise edition) does not move them, so the first instance
 * to start would do all the work while the others idle. Every claim interval each instance beats its heartbeat
 * ({@link ProjectionInstances}); one holding more than its share (segments / live instances, rounded up) hands the
 * surplus back for a few claim intervals, long enough for another instance to claim it. An instance that stops beating
 * (crashed, killed) drops out of the count, and the survivors take its segments once its claims time out. A projection
 * another instance is rebuilding is handed over whole.
 */
@Component
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilds rebuilds;
    private final ProjectionInstances instances;
    private final ProjectionSettings settings;
    private ScheduledExecutorService timer;

    SegmentBalancer(
            EventProcessingConfiguration processing,
            ProjectionRebuilds rebuilds,
            ProjectionInstances instances,
            ProjectionSettings settings) {
        this.processing = processing;
        this.rebuilds = rebuilds;
        this.instances = instances;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        timer = ProjectionRebuilds.daemonTimer("segment-balancer");
        long interval = settings.claimInterval().toMillis();
        timer.scheduleWithFixedDelay(this::beatAndBalance, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            try {
                instances.leave();
            } catch (RuntimeException e) {
                log.debug("Could not remove this instance's heartbeat", e);
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    private void beatAndBalance() {
        try {
            int live = instances.beat();
            for (String name : rebuilds.names()) {
                balance(name, live);
            }
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the next beat tries again, and claims are unaffected.
            log.warn("Could not share projection segments this time: {}", e.getMessage());
        }
    }

    private void balance(String name, int live) {
        var found = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (found.isEmpty() || !found.get().isRunning()) {
            return;
        }
        StreamingEventProcessor processor = found.get();
        List<Integer> owned = processor.processingStatus().keySet().stream()
                .sorted(Comparator.reverseOrder())
                .toList();
        int keep;
        if (instances.rebuildingElsewhere(name)) {
            keep = 0;
        } else if (rebuilds.isRebuilding(name)) {
            return;
        } else {
            keep = (rebuilds.segmentCount(name) + live - 1) / live;
        }
        int surplus = owned.size() - keep;
        if (surplus <= 0) {
            return;
        }
        long releaseFor = 3 * settings.claimInterval().toMillis();
        for (int segment : owned.subList(0, surplus)) {
            processor.releaseSegment(segment, releaseFor, TimeUnit.MILLISECONDS);
        }
        log.info(
                "Handed back {} of {} segments of {} for another instance ({} live, keeping {})",
                surplus,
                owned.size(),
                name,
                live,
                keep);
    }
}
