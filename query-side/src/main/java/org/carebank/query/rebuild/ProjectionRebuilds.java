package org.carebank.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
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
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final ProjectionSettings settings;
    private final Map<String, RebuildRun> rebuilds = new ConcurrentHashMap<>();
    private final Set<String> checkedAfterStart = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService monitor = daemonTimer("projection-rebuild-monitor");
    private ScheduledFuture<?> watching;
    private volatile long lastReport = System.nanoTime();
    private volatile boolean closing;

    ProjectionRebuilds(
            EventProcessingConfiguration processing,
            JdbcClient jdbc,
            EventStore eventStore,
            ProjectionInstances instances,
            DeadLetters deadLetters,
            TokenStore tokenStore,
            TransactionManager transactions,
            ProjectionSettings settings) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.settings = settings;
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

    /** Rebuilds one projection through its own processor: reset, then Axon replays the store into it (ADR 0011). */
    public RebuildProgress rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        RebuildRun rebuild = register(List.of(name)).get(name);
        try {
            instances.rebuilding(name);
            reset(name, processor, rebuild);
            processor.start();
        } catch (RuntimeException e) {
            throw failedToStart(name, processor, rebuild, e);
        }
        log.info("Rebuilding {} from the events (head {}, {} segments)", name, rebuild.total, rebuild.segments);
        watch();
        return progress(name);
    }

    /**
     * Rebuilds several projections (all of them when {@code requested} is empty) from one read of the store (ADR
     * 0025): each is reset as for {@link #rebuild}, then one joint replay per segment hands every event to all of them,
     * and their own processors take over at the head. A projection that cannot be reset is left as it was, with the
     * error in its progress; the others go on.
     */
    public List<RebuildProgress> rebuildTogether(List<String> requested) {
        List<String> names =
                requested.isEmpty() ? names() : requested.stream().distinct().toList();
        names.forEach(this::processor); // 404 before anything is touched
        Map<String, RebuildRun> runs = register(names);
        names.forEach(instances::rebuilding); // all at once: the other instances hand every segment over in one beat
        var reset = new ArrayList<String>();
        RuntimeException lastFailure = null;
        for (String name : names) {
            var processor = processor(name);
            try {
                reset(name, processor, runs.get(name));
                reset.add(name);
            } catch (RuntimeException e) {
                lastFailure = failedToStart(name, processor, runs.get(name), e);
            }
        }
        if (reset.isEmpty()) {
            throw lastFailure;
        }
        var replays = jointReplays(reset);
        reset.forEach(name -> runs.get(name).joint = replays);
        log.info(
                "Rebuilding {} together from the events (head {}): {} joint replay(s), one per segment",
                reset,
                runs.get(reset.get(0)).total,
                replays.size());
        daemonThread("joint-rebuild", () -> runJointly(reset, replays, runs.get(reset.get(0)).total));
        watch();
        return names.stream().map(this::progress).toList();
    }

    /** Marks the projections as rebuilding (their APIs answer 503 from here on), or refuses if one already is. */
    private Map<String, RebuildRun> register(List<String> names) {
        synchronized (rebuilds) {
            for (String name : names) {
                if (isRebuilding(name)) {
                    throw new RebuildInProgressException(
                            "Projection " + name + " is already being rebuilt; follow its progress with GET.");
                }
                if (instances.rebuildingElsewhere(name)) {
                    throw new RebuildInProgressException(
                            "Projection " + name + " is being rebuilt by another instance.");
                }
            }
            long head = head();
            var runs = new java.util.LinkedHashMap<String, RebuildRun>();
            for (String name : names) {
                var rebuild = new RebuildRun(Instant.now(), head, segmentCount(name));
                rebuilds.put(name, rebuild);
                runs.put(name, rebuild);
            }
            return runs;
        }
    }

    /**
     * Takes every segment of the projection (the other instances, told by {@code instances.rebuilding}, hand theirs over
     * and answer 503 meanwhile), stops its
     * processor and resets its tokens, which runs its reset handler. Axon pitfall: a processor shut down before it has
     * claimed its segments may never claim them again.
     */
    private void reset(String name, StreamingEventProcessor processor, RebuildRun rebuild) {
        awaitClaimedSegments(processor, rebuild.segments);
        // A processor that is not running here holds no claim to wait for; the reset itself fails if another
        // instance still holds one.
        if (processor.isRunning() && processor.processingStatus().size() < rebuild.segments) {
            throw new IllegalStateException(
                    "only " + processor.processingStatus().size() + " of " + rebuild.segments
                            + " segments were handed over within " + CLAIM_TIMEOUT.toSeconds() + " s");
        }
        processor.shutDown();
        processor.resetTokens();
        deadLetters.clear(name); // the replay handles the parked events again (ADR 0010)
    }

    private RebuildFailedException failedToStart(
            String name, StreamingEventProcessor processor, RebuildRun rebuild, RuntimeException e) {
        rebuild.error = e.getMessage();
        instances.rebuilt(name);
        log.error("Rebuild of {} could not start", name, e);
        if (!processor.isRunning()) {
            processor.start();
        }
        return new RebuildFailedException("Projection " + name + " could not be reset: " + e.getMessage(), e);
    }

    /**
     * One joint replay per segment the projections are split into (a projection of one segment and one of two make
     * three: whole, first half, second half), each with the token its reset left.
     */
    private List<JointReplay> jointReplays(List<String> names) {
        var bySegment = new java.util.LinkedHashMap<Segment, List<JointReplay.Member>>();
        var starts = new java.util.HashMap<Segment, TrackingToken>();
        for (String name : names) {
            var processor = (AbstractEventProcessor) processor(name);
            int[] ids = tokenStore.fetchSegments(name);
            for (int id : ids) {
                Segment segment = Segment.computeSegment(id, ids);
                TrackingToken token = tokenStore.fetchToken(name, id); // claims it: the processor is shut down
                bySegment
                        .computeIfAbsent(segment, s -> new ArrayList<>())
                        .add(new JointReplay.Member(processor, segment, token));
                TrackingToken start = startOf(token);
                if (!starts.containsKey(segment)) {
                    starts.put(segment, start);
                } else {
                    starts.put(segment, earlier(starts.get(segment), start));
                }
            }
        }
        var replays = new ArrayList<JointReplay>();
        bySegment.forEach((segment, members) -> replays.add(new JointReplay(
                "segment " + segment.getSegmentId() + " of " + (segment.getMask() + 1),
                members,
                starts.get(segment),
                eventStore,
                tokenStore,
                transactions,
                settings.rebuildBatchSize())));
        return replays;
    }

    /**
     * Where a reset token starts reading: the replay's own start (the tail after a full reset). A reset token read
     * back from the token store can hold another one inside (Axon's JSON form of a replay token with no current
     * position), hence the loop.
     */
    private static TrackingToken startOf(TrackingToken token) {
        TrackingToken start = token;
        while (start instanceof ReplayToken replay) {
            start = replay.getCurrentToken();
        }
        return start;
    }

    /** The earlier of two start tokens (null is the very start). */
    private static TrackingToken earlier(TrackingToken a, TrackingToken b) {
        if (a == null || b == null) {
            return null;
        }
        return a.covers(b) ? b : a;
    }

    /**
     * Runs the joint replays side by side up to the head, then starts the projections' processors, which take over
     * from the tokens the replays committed (a member that left a replay early resumes from its own).
     */
    private void runJointly(List<String> names, List<JointReplay> replays, long head) {
        long started = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (JointReplay replay : replays) {
            threads.add(daemonThread("joint-rebuild-" + threads.size(), () -> {
                try {
                    replay.run(head);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.error("A joint rebuild stopped; the projections' own processors replay the rest", e);
                }
            }));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                replays.forEach(JointReplay::stop);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info(
                "Joint rebuild read the store to {} in {} s; the processors of {} take over",
                replays.stream().mapToLong(JointReplay::position).min().orElse(0),
                Math.round(seconds * 10) / 10.0,
                names);
        if (closing) {
            return; // shutting down: the replay tokens left resume the rebuild at the next start
        }
        for (String name : names) {
            var processor = processor(name);
            if (!processor.isRunning()) {
                processor.start();
            }
        }
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
        if (rebuild.joint != null && !processor.isRunning()) {
            position = Math.max(position, rebuild.jointPosition(name));
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

    private static Thread daemonThread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
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
        closing = true;
        rebuilds.values().stream()
                .map(run -> run.joint)
                .filter(java.util.Objects::nonNull)
                .flatMap(List::stream)
                .forEach(JointReplay::stop);
        monitor.shutdownNow();
    }
}
