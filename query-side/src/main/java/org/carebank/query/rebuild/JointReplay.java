package org.carebank.query.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of the event store for several projections being rebuilt, all of the same segment (ADR 0025): each batch of
 * events is read and decoded once and handed to every member, which handles it with its own processor's invoker,
 * interceptors and dead letters, on a thread of its own, and commits it with its token in its own transaction, as its
 * processor would. A member falls at most {@value #QUEUED} batches behind the reader, so memory is bounded and the
 * slowest member sets the pace. The projections' own processors stay shut down meanwhile and take over from the
 * tokens this leaves, so a replay interrupted by a crash resumes in them from each member's last committed batch.
 *
 * <p>A failed batch is rolled back and tried again, as a processor does (the dead-letter policy parks an event on its
 * second failure, ADR 0010); a member that keeps failing one batch (a failure its dead letters could not take) leaves
 * the joint replay: its token stays where it was and its own processor replays the rest, as a rebuild of it alone
 * would. An event no member handles is passed over without its payload being deserialised.
 */
final class JointReplay {

    private static final Logger log = LoggerFactory.getLogger(JointReplay.class);
    private static final int ATTEMPTS = 3;
    /** Batches a member may fall behind the reader. */
    private static final int QUEUED = 4;

    private static final List<TrackedEventMessage<?>> END = List.of();

    private final String label;
    private final List<Member> members;
    private final TrackingToken start;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final int batchSize;
    private volatile boolean stopped;

    JointReplay(
            String label,
            List<Member> members,
            TrackingToken start,
            EventStore eventStore,
            TokenStore tokenStore,
            TransactionManager transactions,
            int batchSize) {
        this.label = label;
        this.members = List.copyOf(members);
        this.start = start;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.batchSize = batchSize;
    }

    /** The global position the slowest member still in the joint replay has committed. */
    long position() {
        return members.stream()
                .filter(Member::active)
                .mapToLong(Member::committedPosition)
                .min()
                .orElse(members.stream()
                        .mapToLong(Member::committedPosition)
                        .max()
                        .orElse(0));
    }

    /** The global position the projection's member has committed, if it is one of this replay's members. */
    java.util.OptionalLong position(String projection) {
        return members.stream()
                .filter(member -> member.name().equals(projection))
                .mapToLong(Member::committedPosition)
                .min();
    }

    /** Asks the replay to end after the batch it is on (shutdown): the processors take over from there. */
    void stop() {
        stopped = true;
    }

    /**
     * Replays from the members' start past {@code head} (the head their rebuild saw), or until reading runs dry, then
     * releases the members' claims: events recorded meanwhile are the processors' again. Answers how many events were
     * read.
     */
    long run(long head) throws InterruptedException {
        long read = 0;
        var workers = new ArrayList<Thread>();
        for (Member member : members) {
            Thread worker = new Thread(() -> member.work(transactions, tokenStore), "joint-rebuild-" + member.name());
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            long last = -1;
            while (!stopped && last < head && members.stream().anyMatch(Member::active)) {
                var batch = new ArrayList<TrackedEventMessage<?>>(batchSize);
                while (batch.size() < batchSize
                        && stream.hasNextAvailable(batch.isEmpty() ? 500 : 0, TimeUnit.MILLISECONDS)) {
                    batch.add(stream.nextAvailable());
                }
                if (batch.isEmpty()) {
                    break; // at the head: the processors follow from here
                }
                for (Member member : members) {
                    member.hand(batch);
                }
                read += batch.size();
                last = batch.get(batch.size() - 1).trackingToken().position().orElse(last);
            }
        } finally {
            for (Member member : members) {
                member.endOfStream();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            for (Member member : members) {
                member.release(tokenStore);
            }
        }
        log.debug("Joint replay {} read {} events", label, read);
        return read;
    }

    private static void rollBack(Transaction transaction) {
        try {
            transaction.rollback();
        } catch (RuntimeException e) {
            log.debug("Rolling back a failed joint rebuild batch failed too", e);
        }
    }

    /** One projection's segment in a joint replay: its processor's handlers and the token it leaves behind. */
    static final class Member {

        private final String name;
        private final Segment segment;
        private final EventHandlerInvoker invoker;
        private final List<org.axonframework.messaging.MessageHandlerInterceptor<? super EventMessage<?>>> interceptors;
        private final String segmentResource;
        private TrackingToken token;
        private TrackingToken pending;
        private int failures;
        private int sameFailures;
        private String lastFailure;
        private volatile boolean active = true;
        private volatile long committedPosition;
        private final java.util.concurrent.BlockingQueue<List<TrackedEventMessage<?>>> queue =
                new java.util.concurrent.ArrayBlockingQueue<>(QUEUED);

        Member(AbstractEventProcessor processor, Segment segment, TrackingToken token) {
            this.name = processor.getName();
            this.segment = segment;
            this.invoker = processor.eventHandlerInvoker();
            this.interceptors = processor.getHandlerInterceptors();
            this.token = token;
            // Axon's pooled processor names its batch's segment so; DeadLetters finds the batch's projection by it.
            this.segmentResource = "Processor[" + name + "]/SegmentId";
        }

        String name() {
            return name;
        }

        boolean active() {
            return active;
        }

        /** The global position of the last event this member committed. */
        long committedPosition() {
            return committedPosition;
        }

        /** Hands a batch over, waiting while the member is {@value JointReplay#QUEUED} batches behind. */
        private void hand(List<TrackedEventMessage<?>> batch) throws InterruptedException {
            while (active && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // a member that left takes no more batches: the reader must not wait for it
            }
        }

        private void endOfStream() throws InterruptedException {
            hand(END);
        }

        /** The member's thread: every batch handed over, in order, until the end of the stream or a failure. */
        private void work(TransactionManager transactions, TokenStore tokenStore) {
            try {
                while (active) {
                    var batch = queue.take();
                    if (batch == END) {
                        return;
                    }
                    commit(batch, transactions, tokenStore);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                active = false;
            } catch (RuntimeException | Error e) {
                active = false;
                log.error("Projection {} left the joint rebuild; its own processor replays the rest", name, e);
            }
        }

        /**
         * Handles the batch and commits it with the member's token in one transaction. A failure rolls it back and
         * tries it again, as a processor retries a failed batch: that second try is where the dead-letter policy
         * parks an event that failed once (ADR 0010).
         */
        private void commit(
                List<TrackedEventMessage<?>> batch, TransactionManager transactions, TokenStore tokenStore) {
            while (active) {
                Transaction transaction = transactions.startTransaction();
                try {
                    handle(batch, tokenStore);
                    transaction.commit();
                    committed();
                    batch.get(batch.size() - 1).trackingToken().position().ifPresent(at -> committedPosition = at);
                    return;
                } catch (Exception e) {
                    rollBack(transaction);
                    forgetBatch();
                    failed(e, batch.size());
                }
            }
        }

        /**
         * Handles the batch's events this member's handlers want in a unit of work of its own (its end-of-batch
         * writes are its own) and moves its token past the batch, in the transaction it runs in.
         */
        void handle(List<TrackedEventMessage<?>> batch, TokenStore tokenStore) throws Exception {
            TrackingToken advanced = token;
            var wanted = new ArrayList<EventMessage<?>>();
            for (TrackedEventMessage<?> event : batch) {
                advanced = advance(advanced, event.trackingToken());
                if (invoker.canHandleType(event.getPayloadType()) && invoker.canHandle(event, segment)) {
                    wanted.add(event.withTrackingToken(advanced));
                }
            }
            if (!wanted.isEmpty()) {
                handleInUnitOfWork(wanted);
            }
            tokenStore.storeToken(advanced, name, segment.getSegmentId());
            pending = advanced;
        }

        /**
         * Counts a failed try of the current batch. Each event that fails once costs one more try (the next one parks
         * it), so only the same failure {@value JointReplay#ATTEMPTS} times in a row, or more tries than the batch
         * has events, takes the member out.
         */
        private void failed(Exception e, int batchSize) {
            String cause = e.toString();
            sameFailures = cause.equals(lastFailure) ? sameFailures + 1 : 1;
            lastFailure = cause;
            failures++;
            if (sameFailures < ATTEMPTS && failures <= batchSize + ATTEMPTS) {
                log.debug("Projection {} failed a joint rebuild batch ({}); trying it again", name, e.toString());
                return;
            }
            active = false;
            log.warn(
                    "Projection {} (segment {}) left the joint rebuild at {} after {} tries of one batch: {}; its own"
                            + " processor replays the rest",
                    name,
                    segment.getSegmentId(),
                    token,
                    failures,
                    e.toString());
        }

        private void forgetBatch() {
            pending = null;
        }

        private void handleInUnitOfWork(List<EventMessage<?>> wanted) throws Exception {
            var unitOfWork = new BatchingUnitOfWork<>(wanted);
            unitOfWork.resources().put(segmentResource, segment.getSegmentId());
            var result = unitOfWork.executeWithResult(
                    () -> new DefaultInterceptorChain<>(unitOfWork, interceptors, message -> {
                                invoker.handle(message, segment);
                                return null;
                            })
                            .proceed(),
                    RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                Throwable cause = result.exceptionResult();
                throw cause instanceof Exception exception ? exception : new IllegalStateException(cause);
            }
        }

        /** The token as the member's processor would hold it: a replay token until past the reset's head. */
        private static TrackingToken advance(TrackingToken current, TrackingToken next) {
            return current instanceof ReplayToken replay ? replay.advancedTo(next) : next;
        }

        private void committed() {
            if (pending != null) {
                token = pending;
                pending = null;
            }
            failures = 0;
            sameFailures = 0;
            lastFailure = null;
        }

        private void release(TokenStore tokenStore) {
            try {
                tokenStore.releaseClaim(name, segment.getSegmentId());
            } catch (RuntimeException e) {
                log.debug("Could not release {} segment {} after the joint rebuild", name, segment.getSegmentId(), e);
            }
        }
    }
}
