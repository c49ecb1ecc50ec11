package org.carebank.query.deadletter;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processing group's dead-letter queue (Axon's JDBC one) with two additions:
 *
 * <ul>
 *   <li>Every event parked, or failing again on a retry, is logged as one WARN line that names the event's type, its
 *       aggregate and position and the cause's type: no payload, no cause message (a database's message may quote the
 *       row), no stack trace. The letter itself keeps the cause's message for ADMIN.
 *   <li>Axon asks the queue before every event whether the event's sequence is parked. That would be a query per event
 *       (a rebuild's round trips are what {@code BatchedWrites} saved); here the queue is asked once per batch whether
 *       the group has any letter at all, in the batch's own transaction, and only then per event. Axon's own cache for
 *       this (the invoker's sequence identifier cache) would not see the letters {@code BatchedWrites} parks itself.
 * </ul>
 */
final class ParkingQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ParkingQueue.class);

    private final String processingGroup;
    private final SequencedDeadLetterQueue<EventMessage<?>> letters;
    private final String anyParkedKey;

    ParkingQueue(String processingGroup, SequencedDeadLetterQueue<EventMessage<?>> letters) {
        this.processingGroup = processingGroup;
        this.letters = letters;
        this.anyParkedKey = ParkingQueue.class.getName() + ".anyParked." + processingGroup;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        EventSavepoint.undoCurrentEvent();
        letters.enqueue(sequenceIdentifier, letter);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().put(anyParkedKey, Boolean.TRUE);
        }
        var event = ParkedEvent.of(letter.message());
        if (letter.cause().isPresent()) {
            log.warn(
                    "Parked {} of {} at position {} in {} as a dead letter: {} (ADR 0010, GET /api/v1/admin/dead-letters)",
                    event.type(),
                    event.aggregateId(),
                    event.position(),
                    processingGroup,
                    letter.cause().get().type());
        } else {
            log.warn(
                    "Parked {} of {} at position {} in {} as a dead letter behind an earlier one of the same sequence",
                    event.type(),
                    event.aggregateId(),
                    event.position(),
                    processingGroup);
        }
    }

    @Override
    public boolean enqueueIfPresent(
            Object sequenceIdentifier, Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        if (!anyParked() || !letters.contains(sequenceIdentifier)) {
            return false;
        }
        enqueue(sequenceIdentifier, letterBuilder.get());
        return true;
    }

    /** Whether the group has any letter, asked once per batch (unit of work) and remembered for the rest of it. */
    private boolean anyParked() {
        if (!CurrentUnitOfWork.isStarted()) {
            return letters.amountOfSequences() > 0;
        }
        var batch = CurrentUnitOfWork.get().root();
        Boolean known = batch.getResource(anyParkedKey);
        if (known == null) {
            // Not computeIfAbsent: the query itself registers the batch's connection as a resource of the same map.
            known = letters.amountOfSequences() > 0;
            batch.resources().put(anyParkedKey, known);
        }
        return known;
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        letters.evict(letter);
    }

    @Override
    public void requeue(
            DeadLetter<? extends EventMessage<?>> letter,
            UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        letters.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return letters.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return letters.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return letters.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return letters.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return letters.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return letters.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return letters.amountOfSequences();
    }

    @Override
    public boolean process(
            Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
            Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        // Axon's JDBC queue requeues a letter that failed again itself, past this class: the task's decision says so.
        return letters.process(sequenceFilter, letter -> {
            var decision = processingTask.apply(letter);
            if (decision.shouldEnqueue()) {
                var event = ParkedEvent.of(letter.message());
                log.warn(
                        "Dead letter {} of {} at position {} in {} failed again on retry (attempt {}): {}",
                        event.type(),
                        event.aggregateId(),
                        event.position(),
                        processingGroup,
                        ParkingPolicy.attempts(letter) + 1,
                        decision.enqueueCause()
                                .map(cause -> cause instanceof Cause known
                                        ? known.type()
                                        : cause.getClass().getName())
                                .orElse("no cause"));
            }
            return decision;
        });
    }

    @Override
    public void clear() {
        letters.clear();
    }
}
