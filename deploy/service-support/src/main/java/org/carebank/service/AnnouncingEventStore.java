package org.carebank.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded event store, telling the projections' streams when there are events to read.
 *
 * <p>Axon's pooled processors wait on their stream's availability callback; the embedded store's streams have none, so
 * a processor that had read everything looked again only after 500 ms. A projection therefore lagged 0 to 500 ms behind
 * every quiet moment (ADR 0009, lag). This store calls the streams' callbacks shortly after events are
 * committed on this node (the commits of a few milliseconds together), and on a fixed tick for the events another node
 * commits to the same database, so the worst case stays what it was.
 *
 * <p>Each stream reads the database privately ({@code optimizeEventConsumption(false)}). The shared tail cache would
 * make a callback race the thread that fills it, and it held far more than its 10,000 events during a rebuild: a
 * rebuild of 264,000 events needed 695-805 MB of heap with it and 354 MB without (ADR 0009).
 */
final class AnnouncingEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(AnnouncingEventStore.class);

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean announcementDue = new AtomicBoolean();
    private final ScheduledExecutorService ticker;
    private final Duration gathering;

    /**
     * @param tick how often the streams are told anyway, for events other nodes commit
     * @param gathering how long after a commit the streams are told, so that the commits of that moment reach each
     *     projection together: told of every commit at once, six projections each committed a transaction per
     *     command, and single commands ran at a third of their rate (ADR 0009)
     */
    AnnouncingEventStore(EmbeddedEventStore.Builder builder, Duration tick, Duration gathering) {
        super(builder.optimizeEventConsumption(false));
        this.gathering = gathering;
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "event-announcer");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::announce, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (announcementDue.compareAndSet(false, true)) {
            try {
                ticker.schedule(
                        () -> {
                            // Cleared first: a commit from now on schedules the next announcement, none is missed.
                            announcementDue.set(false);
                            announce();
                        },
                        gathering.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // The events are committed; the projections read them when they start again.
            }
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new AnnouncedStream(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        ticker.shutdownNow();
        super.shutDown();
    }

    /**
     * A callback only schedules the processor's coordinator: it costs the announcing thread little. One that fails is
     * logged and the others still run; an exception escaping here would also stop the tick for good.
     */
    private void announce() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.warn("A projection could not be told of new events; it will look again on the next tick", e);
            }
        }
    }

    private final class AnnouncedStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private AnnouncedStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Optional.ofNullable(this.callback).ifPresent(callbacks::remove);
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Optional.ofNullable(callback).ifPresent(callbacks::remove);
            delegate.close();
        }
    }
}
