package org.carebank.query.rebuild;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.carebank.query.rebuild.RebuildConfiguration.ProjectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Shares each projection's segments between the query instances that are alive. An Axon pooled processor claims every
 * free segment it finds, and Axon Server SE (unlike its Enterprise edition) does not move them, so the first instance
 * to start would do all the work while the others idle. Here each instance beats a heartbeat row every claim interval;
 * one holding more than its share (segments / live instances, rounded up) hands the surplus back for a few claim
 * intervals, long enough for another instance to claim it. An instance that stops beating (crashed, killed) drops out
 * of the count, and the survivors take its segments as soon as its claims time out.
 */
@Component
class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilds rebuilds;
    private final JdbcClient jdbc;
    private final ProjectionSettings settings;
    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private ScheduledExecutorService timer;

    SegmentBalancer(
            EventProcessingConfiguration processing,
            ProjectionRebuilds rebuilds,
            JdbcClient jdbc,
            ProjectionSettings settings) {
        this.processing = processing;
        this.rebuilds = rebuilds;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.claimInterval().toMillis();
        timer.scheduleWithFixedDelay(this::beatAndBalance, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            try {
                jdbc.sql("DELETE FROM projection_instance WHERE instance_id = ?")
                        .param(instanceId)
                        .update();
            } catch (RuntimeException e) {
                log.debug("Could not remove the heartbeat of {}", instanceId, e);
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    private void beatAndBalance() {
        try {
            int live = beat();
            for (String name : rebuilds.names()) {
                balance(name, live);
            }
        } catch (RuntimeException e) {
            // The database may be briefly unreachable; the next beat tries again, and claims are unaffected.
            log.warn("Could not share projection segments this time: {}", e.getMessage());
        }
    }

    /** Records this instance as alive; returns how many instances are (this one included). */
    private int beat() {
        int updated = jdbc.sql("UPDATE projection_instance SET last_seen = CURRENT_TIMESTAMP WHERE instance_id = ?")
                .param(instanceId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO projection_instance (instance_id, last_seen) VALUES (?, CURRENT_TIMESTAMP)")
                    .param(instanceId)
                    .update();
        }
        long timeout = Math.max(1, settings.claimTimeout().toSeconds());
        // The database's clock for every instance, so clock skew between hosts cannot hide a live one.
        jdbc.sql("DELETE FROM projection_instance WHERE last_seen < CURRENT_TIMESTAMP - INTERVAL '" + 10 * timeout
                        + "' SECOND")
                .update();
        Long live = jdbc.sql(
                        "SELECT COUNT(*) FROM projection_instance WHERE last_seen >= CURRENT_TIMESTAMP - INTERVAL '"
                                + timeout + "' SECOND")
                .query(Long.class)
                .single();
        return (int) Math.max(1, live);
    }

    private void balance(String name, int live) {
        var found = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (found.isEmpty() || !found.get().isRunning() || rebuilds.isRebuilding(name)) {
            return;
        }
        StreamingEventProcessor processor = found.get();
        int total = jdbc.sql("SELECT COUNT(*) FROM tokenentry WHERE processorname = ?")
                .param(name)
                .query(Integer.class)
                .single();
        int share = (total + live - 1) / live;
        List<Integer> owned = processor.processingStatus().keySet().stream()
                .sorted(Comparator.reverseOrder())
                .toList();
        int surplus = owned.size() - share;
        if (surplus <= 0) {
            return;
        }
        long releaseFor = 3 * settings.claimInterval().toMillis();
        for (int segment : owned.subList(0, surplus)) {
            processor.releaseSegment(segment, releaseFor, TimeUnit.MILLISECONDS);
        }
        log.info(
                "Handed back {} of {} segments of {} for another instance ({} live, share {})",
                surplus,
                owned.size(),
                name,
                live,
                share);
    }
}
