package org.carebank.query.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * events is read and decoded once, handed to every member's own handlers (the same invoker, interceptors and dead
 * letters its processor uses), and committed in one transaction with every member's token. The projections' own
 * processors stay shut down meanwhile and take over from the tokens this leaves, so a replay interrupted by a crash
 * resumes in them from the last batch committed here.
 *
 * <p>A failed batch is rolled back and tried again, as a processor does; a member that keeps failing one batch (a
 * failure its dead letters could not take) leaves the joint replay: its token stays where it was and its own processor
 * replays the rest, as a rebuild of it alone would. An event no member handles is passed over without its payload
 * being deserialised.
 */
final class JointReplay {

    private static final Logger log = LoggerFactory.getLogger(JointReplay.class);
    private static final int ATTEMPTS = 3;

    private final String label;
    private final List<Member> members;
    private final TrackingToken start;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final int batchSize;
    private final AtomicLong position = new AtomicLong();
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

    /** The global position of the last event committed for the members still in the joint replay. */
    long position() {
        return position.get();
    }

    List<Member> members() {
        return members;
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
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(start)) {
            var batch = new ArrayList<TrackedEventMessage<?>>(batchSize);
            while (!stopped && position.get() < head && members.stream().anyMatch(Member::active)) {
                batch.clear();
                while (batch.size() < batchSize
                        && stream.hasNextAvailable(batch.isEmpty() ? 500 : 0, TimeUnit.MILLISECONDS)) {
                    batch.add(stream.nextAvailable());
                }
                if (batch.isEmpty()) {
                    break; // at the head: the processors follow from here
                }
                commit(batch);
                read += batch.size();
                batch.get(batch.size() - 1).trackingToken().position().ifPresent(position::set);
            }
        } finally {
            for (Member member : members) {
                member.release(tokenStore);
            }
        }
        log.debug("Joint replay {} read {} events", label, read);
        return read;
    }

    /**
     * Handles the batch for every member still in and commits it with their tokens. A failure rolls the whole batch
     * back and tries it again, as a processor retries a failed batch: that second try is where the dead-letter policy
     * parks an event that failed once (ADR 0010). A member that fails the same batch {@value #ATTEMPTS} times leaves the
     * joint replay; a commit that fails as often ends it (the processors take over and retry as they always do).
     */
    private void commit(List<TrackedEventMessage<?>> batch) {
        for (int attempt = 1; ; attempt++) {
            Member handling = null;
            Transaction transaction = transactions.startTransaction();
            try {
                for (Member member : members) {
                    if (member.active()) {
                        handling = member;
                        member.handle(batch, tokenStore);
                    }
                }
                handling = null;
                transaction.commit();
                members.forEach(Member::committed);
                return;
            } catch (Exception e) {
                rollBack(transaction);
                members.forEach(Member::forgetBatch);
                if (handling != null) {
                    handling.failed(e, batch.size());
                } else if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("the joint rebuild could not commit a batch: " + e, e);
                }
            }
        }
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
        private volatile Throwable failure;
        private int failures;
        private int sameFailures;
        private String lastFailure;
        private volatile boolean active = true;

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

        Segment segment() {
            return segment;
        }

        boolean active() {
            return active;
        }

        /** Why the member left the joint replay, or null if it did not. */
        Throwable failure() {
            return failure;
        }

        /**
         * Handles the batch's events this member's handlers want in a unit of work of its own (its end-of-batch
         * writes are its own) and moves its token past the batch, in the batch's transaction.
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
            failure = e;
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
