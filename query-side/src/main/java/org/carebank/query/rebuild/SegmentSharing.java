package org.carebank.query.rebuild;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Shares each projection's segments between the query instances that are alive. An Axon pooled processor claims every
 * free segment it finds, and Axon Server SE (unlike its Enterprise edition) does not move them, so the first instance
 * to start would do all the work while the others idle. Every claim interval each instance beats its heartbeat
 * ({@link ProjectionInstances}) and sets its share of each projection (segments / live instances, rounded up) in
 * {@link SegmentShares}, which the processors' coordinators read to hand back any surplus and claim no more (ADR 0011).
 * An instance that stops beating drops out of the count, and the survivors take its segments once its claims time out.
 * A projection another instance is rebuilding is handed over whole (share 0).
 */
@Component
class SegmentSharing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentSharing.class);

    private final ProjectionRebuilds rebuilds;
    private final ProjectionInstances instances;
    private final SegmentShares shares;
    private final ProjectionSettings settings;
    private Map<String, Integer> lastShares = Map.of();
    private ScheduledExecutorService timer;

    SegmentSharing(
            ProjectionRebuilds rebuilds,
            ProjectionInstances instances,
            SegmentShares shares,
            ProjectionSettings settings) {
        this.rebuilds = rebuilds;
        this.instances = instances;
        this.shares = shares;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        timer = ProjectionRebuilds.daemonTimer("segment-sharing");
        long interval = settings.claimInterval().toMillis();
        timer.scheduleWithFixedDelay(this::beatAndShare, 0, interval, TimeUnit.MILLISECONDS);
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

    private void beatAndShare() {
        try {
            int live = instances.beat();
            var next = new HashMap<String, Integer>();
            for (String name : rebuilds.names()) {
                next.put(name, share(name, live));
            }
            shares.update(next);
            if (!next.equals(lastShares)) {
                log.info("Segment shares with {} live instance(s): {}", live, describe(next));
                lastShares = next;
            }
        } catch (RuntimeException e) {
            // The database may be briefly unreachable: the shares stay as they were and the next beat tries again.
            log.warn("Could not share projection segments this time: {}", e.getMessage());
        }
    }

    private int share(String name, int live) {
        if (instances.rebuildingElsewhere(name)) {
            return 0;
        }
        if (rebuilds.isRebuilding(name)) {
            return SegmentShares.ALL;
        }
        int segments = rebuilds.segmentCount(name);
        // No tokens yet: the processor is about to make them; until then there is nothing to share.
        return segments == 0 ? SegmentShares.ALL : (segments + live - 1) / live;
    }

    private static String describe(Map<String, Integer> shares) {
        var described = new java.util.TreeMap<String, String>();
        shares.forEach((name, share) ->
                described.put(name, Objects.equals(share, SegmentShares.ALL) ? "all" : String.valueOf(share)));
        return described.toString();
    }
}
