package org.carebank.query.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.carebank.query.web.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The projections' dead letters (ADR 0010): parking an event a batch could not write, and what ADMIN does with the
 * parked ones (list, retry, evict). Every projection's processing group has its own queue
 * ({@link DeadLetterConfiguration}).
 */
@Component
public class DeadLetters {

    /**
     * The query side's projections are the processing groups named {@code *-views}; the command side's are not (a
     * command-side streaming processor such as {@code time-bank-amendments} sends commands: it is never rebuilt).
     */
    public static boolean isProjection(String processingGroup) {
        return processingGroup.endsWith("-views");
    }

    private final ObjectProvider<EventProcessingConfiguration> processingConfiguration;

    // Asked for when first used: the projections, which Axon's configuration holds, write through this class.
    DeadLetters(ObjectProvider<EventProcessingConfiguration> processing) {
        this.processingConfiguration = processing;
    }

    /** One parked event, as ADMIN sees it: no payload. */
    public record Letter(
            String sequenceId,
            String eventType,
            String eventId,
            String aggregateId,
            Long globalPosition,
            String causeType,
            String causeMessage,
            Instant enqueuedAt,
            Instant lastTouched,
            int attempts) {}

    /** The processing group whose batch is being handled now, if the current unit of work is a processor's batch. */
    public Optional<String> processingGroupOfBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        // Axon's pooled processor names its batch's resources "Processor[<name>]/..." (WorkPackage); a projection's
        // processor is named after its processing group.
        return CurrentUnitOfWork.get().root().resources().keySet().stream()
                .filter(key -> key.startsWith("Processor[") && key.endsWith("]/SegmentId"))
                .map(key -> key.substring("Processor[".length(), key.length() - "]/SegmentId".length()))
                .filter(group -> queue(group).isPresent())
                .findFirst();
    }

    /** The sequence the event belongs to in the group, as Axon's dead-lettering invoker computes it. */
    public Object sequenceOf(String processingGroup, EventMessage<?> event) {
        Object sequence = processing().sequencingPolicy(processingGroup).getSequenceIdentifierFor(event);
        return sequence == null ? event.getIdentifier() : sequence;
    }

    /**
     * Parks an event of the current batch that could not be written ({@code cause}), or one that follows a parked
     * event of its sequence ({@code cause} null), in the batch's own transaction.
     */
    public void park(String processingGroup, Object sequence, EventMessage<?> event, Throwable cause) {
        var queue = queue(processingGroup).orElseThrow();
        DeadLetter<? extends EventMessage<?>> letter = new GenericDeadLetter<>(sequence, event);
        if (cause != null) {
            var decision = processing()
                    .deadLetterPolicy(processingGroup)
                    .orElseGet(ParkingPolicy::new)
                    .decide(letter, cause);
            letter = decision.withDiagnostics(
                    letter.withCause(decision.enqueueCause().orElse(null)));
        }
        queue.enqueue(sequence, letter);
    }

    /** Every projection that has a dead-letter queue, with its letters, sequence by sequence. */
    public Map<String, List<Letter>> list() {
        var all = new TreeMap<String, List<Letter>>();
        for (String group : groups()) {
            all.put(group, list(group));
        }
        return all;
    }

    public List<Letter> list(String processingGroup) {
        var letters = new ArrayList<Letter>();
        for (var sequence : existingQueue(processingGroup).deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                letters.add(letterOf(letter));
            }
        }
        return letters;
    }

    /** How many events each projection has parked. */
    public Map<String, Long> counts() {
        var counts = new TreeMap<String, Long>();
        for (String group : groups()) {
            counts.put(group, existingQueue(group).size());
        }
        return counts;
    }

    /** How many events one projection has parked. */
    public long count(String processingGroup) {
        return existingQueue(processingGroup).size();
    }

    /**
     * Processes the group's parked sequences again, oldest first, each in its own transaction: a sequence whose event
     * now succeeds is written and its letters leave the queue; one that still fails stays, with one more attempt
     * counted. Each sequence is tried at most once per call. Answers how many sequences were written.
     */
    public Retried retry(String processingGroup) {
        var queue = existingQueue(processingGroup);
        var processor =
                processing().sequencedDeadLetterProcessor(processingGroup).orElseThrow();
        long sequences = queue.amountOfSequences();
        int written = 0;
        for (long tried = 0; tried < sequences; tried++) {
            long before = queue.size();
            // false both when nothing was claimable and when the sequence failed again (and went to the back)
            processor.process(letter -> true);
            if (queue.size() < before) {
                written++;
            }
        }
        return new Retried(processingGroup, sequences, written, queue.amountOfSequences());
    }

    /** What a retry did: the sequences it tried, those it wrote, those still parked. */
    public record Retried(String processingGroup, long tried, int written, long stillParked) {}

    /** Removes a parked sequence without writing it: its events stay in the store, the projection never sees them. */
    public int evict(String processingGroup, String sequenceId) {
        var queue = existingQueue(processingGroup);
        var letters = new ArrayList<DeadLetter<? extends EventMessage<?>>>();
        queue.deadLetterSequence(sequenceId).forEach(letters::add);
        if (letters.isEmpty()) {
            throw new NotFoundException(
                    "unknown-dead-letter",
                    "Projection " + processingGroup + " has no parked sequence " + sequenceId + ".");
        }
        letters.forEach(queue::evict);
        return letters.size();
    }

    /**
     * Throws the group's letters away, for a rebuild: it replays every event, the parked ones too, so a letter would
     * only repeat an event the rebuild handles again (and parks again if it still fails).
     */
    public void clear(String processingGroup) {
        queue(processingGroup).ifPresent(SequencedDeadLetterQueue::clear);
    }

    /** The processing groups that park their failing events. */
    public List<String> groups() {
        return processing().eventProcessors().keySet().stream()
                .filter(group -> queue(group).isPresent())
                .sorted()
                .toList();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> existingQueue(String processingGroup) {
        return queue(processingGroup)
                .orElseThrow(() -> new NotFoundException(
                        "unknown-projection",
                        "No projection " + processingGroup + " parks dead letters; the projections are " + groups()
                                + "."));
    }

    private EventProcessingConfiguration processing() {
        return processingConfiguration.getObject();
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String processingGroup) {
        // Axon's provider would make a queue for any name asked for: only a running projection has one.
        return isProjection(processingGroup)
                        && processing().eventProcessor(processingGroup).isPresent()
                ? processing().deadLetterQueue(processingGroup)
                : Optional.empty();
    }

    private static Letter letterOf(DeadLetter<? extends EventMessage<?>> letter) {
        var event = ParkedEvent.of(letter.message());
        String sequenceId = letter instanceof org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter<?> jdbc
                ? jdbc.getSequenceIdentifier()
                : null;
        return new Letter(
                sequenceId,
                event.type(),
                letter.message().getIdentifier(),
                event.aggregateId(),
                event.position(),
                letter.cause().map(cause -> cause.type()).orElse(null),
                letter.cause().map(cause -> cause.message()).orElse(null),
                letter.enqueuedAt(),
                letter.lastTouched(),
                ParkingPolicy.attempts(letter));
    }
}
