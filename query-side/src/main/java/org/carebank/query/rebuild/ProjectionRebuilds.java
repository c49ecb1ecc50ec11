package org.carebank.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.carebank.query.deadletter.DeadLetters;
import org.carebank.query.rebuild.RebuildProgress.State;
import org.carebank.query.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rebuild service: rebuilds a projection from the events with Axon's reset support: stop its streaming processor, reset its tokens
 * (which runs the projection's {@code @ResetHandler}, clearing its tables, in the same transaction), start it again,
 * and report progress until the replay has passed the head the reset saw. From the request until then the projection
 * counts as rebuilding, so its API never shows half-built tables. It knows nothing of HTTP: {@link RebuildController}
 * answers its refusals, {@link ProjectionGuard} the 503 of a projection being rebuilt.
 */
@Component
class ProjectionRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final EventStore eventStore;
    private final ProjectionInstances instances;
    private final DeadLetters deadLetters;
    private final Map<String, RebuildRun> rebuilds = new ConcurrentHashMap<>();
    private final Set<String> checkedAfterStart = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService monitor = daemonTimer("projection-rebuild-monitor");
    private ScheduledFuture<?> watching;
    private volatile long lastReport = System.nanoTime();

    ProjectionRebuilds(
            EventProcessingConfiguration processing,
            JdbcClient jdbc,
            EventStore eventStore,
            ProjectionInstances instances,
            DeadLetters deadLetters) {
        this.processing = processing;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.instances = instances;
    }

    /**
     * The projections that can be rebuilt: every streaming processor of a view ({@code *-views}). Others, such as the
     * webhook outbox or the command side's time-bank reversals, act on the world: replaying them would send every
     * notification or command again (ADR 0018).
     */
    public List<String> names() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .filter(entry -> DeadLetters.isProjection(entry.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    public RebuildProgress rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        RebuildRun rebuild;
        synchronized (rebuilds) {
            if (isRebuilding(name)) {
                throw new RebuildInProgressException(
                        "Projection " + name + " is already being rebuilt; follow its progress with GET.");
            }
            if (instances.rebuildingElsewhere(name)) {
                throw new RebuildInProgressException("Projection " + name + " is being rebuilt by another instance.");
            }
            rebuild = new RebuildRun(Instant.now(), head(), segmentCount(name));
            rebuilds.put(name, rebuild); // from here on the projection's API answers 503
        }
        try {
            // Other query instances hand their segments over (SegmentBalancer) and answer 503 meanwhile. Axon pitfall:
            // a processor shut down before it has claimed its segments may never claim them again.
            instances.rebuilding(name);
            awaitClaimedSegments(processor, rebuild.segments);
            if (processor.processingStatus().size() < rebuild.segments) {
                throw new IllegalStateException(
                        "only " + processor.processingStatus().size() + " of " + rebuild.segments
                                + " segments were handed over within " + CLAIM_TIMEOUT.toSeconds() + " s");
            }
            processor.shutDown();
            processor.resetTokens();
            deadLetters.clear(name); // the replay handles the parked events again (ADR 0010)
            processor.start();
        } catch (RuntimeException e) {
            rebuild.error = e.getMessage();
            instances.rebuilt(name);
            log.error("Rebuild of {} could not start", name, e);
            if (!processor.isRunning()) {
                processor.start();
            }
            throw new RebuildFailedException("Projection " + name + " could not be reset: " + e.getMessage(), e);
        }
        log.info("Rebuilding {} from the events (head {}, {} segments)", name, rebuild.total, rebuild.segments);
        watch();
        return progress(name);
    }

    public RebuildProgress progress(String name) {
        StreamingEventProcessor processor = processor(name);
        boolean rebuilding = isRebuilding(name);
        RebuildRun rebuild = rebuilds.get(name);
        var statuses = processor.processingStatus();
        long position = statuses.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min()
                .orElse(0);
        if (rebuild == null) {
            return new RebuildProgress(
                    name,
                    rebuilding ? State.REBUILDING : State.LIVE,
                    null,
                    null,
                    position,
                    head(),
                    null,
                    null,
                    null,
                    null,
                    statuses.size(),
                    null);
        }
        return rebuild.progress(name, rebuilding, statuses.values(), position, Instant.now());
    }

    /**
     * Whether the projection's tables are incomplete: a rebuild asked for and not yet past its head, or a segment found
     * replaying short of its reset position (for example a rebuild resumed after a restart).
     */
    public boolean isRebuilding(String name) {
        Optional<StreamingEventProcessor> found = streaming(name);
        if (found.isEmpty()) {
            return false;
        }
        if (instances.rebuildingElsewhere(name)) {
            return true;
        }
        StreamingEventProcessor processor = found.get();
        adoptReplayInTokenStore(name);
        RebuildRun rebuild = rebuilds.get(name);
        if (rebuild != null && rebuild.inProgress()) {
            if (!caughtUp(processor, rebuild.segments)) {
                return true;
            }
            finish(name, rebuild);
        }
        return processor.processingStatus().values().stream().anyMatch(ProjectionRebuilds::behindReset);
    }

    private void finish(String name, RebuildRun rebuild) {
        synchronized (rebuild) {
            if (rebuild.finishedAt == null) {
                rebuild.finishedAt = Instant.now();
                instances.rebuilt(name);
                double seconds =
                        Duration.between(rebuild.startedAt, rebuild.finishedAt).toMillis() / 1000.0;
                log.info(
                        "Rebuilt {} in {} s ({} events/s)",
                        name,
                        seconds,
                        seconds > 0 ? Math.round(rebuild.total / seconds) : rebuild.total);
            }
        }
    }

    /** Every segment claimed again and past the reset's head: the tables hold everything the store held then. */
    private static boolean caughtUp(StreamingEventProcessor processor, int segments) {
        var statuses = processor.processingStatus();
        return processor.isRunning()
                && statuses.size() >= Math.max(1, segments)
                && statuses.values().stream().noneMatch(ProjectionRebuilds::behindReset);
    }

    /**
     * A segment still short of the position its reset saw. Axon's own {@code isReplaying()} is not enough: it stays
     * true at the reset position itself (the last replayed event is a replay) until a newer event arrives, which in a
     * quiet store may be never.
     */
    private static boolean behindReset(EventTrackerStatus status) {
        if (!status.isReplaying()) {
            return false;
        }
        OptionalLong reset = status.getResetPosition();
        OptionalLong current = status.getCurrentPosition();
        return reset.isPresent() && (current.isEmpty() || current.getAsLong() < reset.getAsLong());
    }

    /**
     * A replay token left in the token store means a rebuild was interrupted by a restart and resumes now: count it
     * as rebuilding from the first question, before the processor has even claimed its segments.
     */
    private void adoptReplayInTokenStore(String name) {
        if (checkedAfterStart.add(name)) {
            long replaying = jdbc.sql(
                            "SELECT COUNT(*) FROM tokenentry WHERE processorname = ? AND tokentype LIKE '%ReplayToken'")
                    .param(name)
                    .query(Long.class)
                    .single();
            if (replaying > 0) {
                rebuilds.putIfAbsent(name, new RebuildRun(Instant.now(), head(), segmentCount(name)));
                watch();
            }
        }
    }

    private synchronized void watch() {
        if (watching == null || watching.isDone()) {
            watching = monitor.scheduleWithFixedDelay(this::checkRebuilds, 100, 100, TimeUnit.MILLISECONDS);
        }
    }

    private void checkRebuilds() {
        try {
            boolean any = false;
            boolean report = System.nanoTime() - lastReport > PROGRESS_EVERY.toNanos();
            for (var entry : rebuilds.entrySet()) {
                if (entry.getValue().inProgress()) {
                    boolean rebuilding = isRebuilding(entry.getKey());
                    any |= rebuilding;
                    if (rebuilding && report) {
                        logProgress(progress(entry.getKey()));
                    }
                }
            }
            if (report) {
                lastReport = System.nanoTime();
            }
            if (!any) {
                synchronized (this) {
                    watching.cancel(false);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not check projection rebuilds", e);
        }
    }

    /** A line every {@link #PROGRESS_EVERY} per projection rebuilding: a long rebuild says how it goes. */
    private static void logProgress(RebuildProgress progress) {
        log.info(
                "Rebuilding {}: {} of {} events ({} %), {} events/s, about {} s left",
                progress.name(),
                progress.position(),
                progress.total(),
                progress.percent(),
                progress.eventsPerSecond(),
                progress.secondsLeft());
    }

    private static void awaitClaimedSegments(StreamingEventProcessor processor, int segments) {
        long deadline = System.nanoTime() + CLAIM_TIMEOUT.toNanos();
        while (processor.isRunning()
                && processor.processingStatus().size() < Math.max(1, segments)
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the processor to claim its segments");
            }
        }
    }

    private StreamingEventProcessor processor(String name) {
        return streaming(name)
                .orElseThrow(() -> new NotFoundException(
                        "unknown-projection", "No projection " + name + "; the projections are " + names() + "."));
    }

    private Optional<StreamingEventProcessor> streaming(String name) {
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .filter(processor -> DeadLetters.isProjection(name));
    }

    /** The newest event's position, in the processors' own token terms (embedded store or Axon Server alike). */
    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** How many segments the projection is split into (its tokens), whoever holds them. */
    int segmentCount(String processorName) {
        return jdbc.sql("SELECT COUNT(*) FROM tokenentry WHERE processorname = ?")
                .param(processorName)
                .query(Integer.class)
                .single();
    }

    /** A single background thread that never keeps the JVM alive on its own. */
    static ScheduledExecutorService daemonTimer(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        monitor.shutdownNow();
    }
}
