package org.carebank.query.batch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.carebank.query.deadletter.DeadLetters;
import org.carebank.query.deadletter.Savepoint;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A projection's inserts and updates, sent to the database as JDBC batches at the end of the event batch instead of one
 * round trip each. Statements run in the order they were given, consecutive runs of the same statement in one batch;
 * a rebuild spent most of its time on these round trips (ADR 0009).
 *
 * <p>A projection that writes through this must write only through this, and must call {@link #flush()} before it
 * reads its own tables while handling an event: rows written earlier in the batch are not in the database until then.
 *
 * <p>A write that fails here fails outside the event handler, where Axon's dead-lettering cannot see which event it
 * belonged to, and the whole batch would fail on every retry. So each statement remembers its event, the batch is
 * written inside a savepoint, and when it fails the batch is written again event by event, each in its own savepoint:
 * an event whose writes fail is parked as a dead letter, with every later event of its sequence in the batch, and the
 * rest is written (ADR 0010). The normal case costs a savepoint per flush.
 */
@Component
public class BatchedWrites {

    private static final String PENDING = BatchedWrites.class.getName() + ".pending";
    private static final String PARKED = BatchedWrites.class.getName() + ".parked";

    private final JdbcTemplate jdbc;
    private final DeadLetters deadLetters;

    @Autowired
    public BatchedWrites(JdbcTemplate jdbc, DeadLetters deadLetters) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
    }

    /** Without dead letters: a failing write fails the batch (tests that feed projections outside a processor). */
    public BatchedWrites(JdbcTemplate jdbc) {
        this(jdbc, null);
    }

    public void update(String sql, Object... parameters) {
        List<Statement> pending = EndOfBatch.collect(PENDING, ArrayList::new, this::execute);
        pending.add(new Statement(sql, parameters, eventBeingHandled()));
    }

    /** Writes what the batch has given so far, so that a read sees it. */
    public void flush() {
        List<Statement> pending = EndOfBatch.collected(PENDING);
        if (pending != null) {
            execute(pending);
        }
    }

    /** The event whose handler writes, or null for a write made at the end of the batch (no single event's). */
    private static EventMessage<?> eventBeingHandled() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.phase().isBefore(UnitOfWork.Phase.PREPARE_COMMIT)
                        && unitOfWork.getMessage() instanceof EventMessage<?> event
                ? event
                : null;
    }

    private void execute(List<Statement> pending) {
        if (pending.isEmpty()) {
            return;
        }
        var group = deadLetters == null
                ? null
                : deadLetters.processingGroupOfBatch().orElse(null);
        Savepoint savepoint = Savepoint.set(jdbc);
        try {
            executeBatched(pending);
            savepoint.release();
        } catch (RuntimeException failed) {
            savepoint.rollback();
            if (group == null) {
                throw failed;
            }
            executeEventByEvent(pending, group);
        }
        pending.clear();
    }

    private void executeBatched(List<Statement> statements) {
        int from = 0;
        while (from < statements.size()) {
            String sql = statements.get(from).sql();
            int to = from + 1;
            while (to < statements.size() && statements.get(to).sql().equals(sql)) {
                to++;
            }
            jdbc.batchUpdate(
                    sql,
                    statements.subList(from, to).stream()
                            .map(Statement::parameters)
                            .toList());
            from = to;
        }
    }

    /**
     * Writes each event's statements in a savepoint of their own; parks the event whose statements fail and every
     * later event of its sequence. Statements of no single event (the end of the batch's) are written as one: their
     * failure still fails the batch.
     */
    private void executeEventByEvent(List<Statement> pending, String group) {
        Parked parked = CurrentUnitOfWork.get().root().getOrComputeResource(PARKED, key -> new Parked());
        int from = 0;
        while (from < pending.size()) {
            EventMessage<?> event = pending.get(from).event();
            int to = from + 1;
            while (to < pending.size() && pending.get(to).event() == event) {
                to++;
            }
            var statements = pending.subList(from, to);
            from = to;
            if (event == null) {
                executeBatched(statements);
                continue;
            }
            if (parked.events.contains(event.getIdentifier())) {
                continue;
            }
            Object sequence = deadLetters.sequenceOf(group, event);
            if (parked.sequences.contains(sequence)) {
                parked.events.add(event.getIdentifier());
                deadLetters.park(group, sequence, event, null);
                continue;
            }
            Savepoint savepoint = Savepoint.set(jdbc);
            try {
                executeBatched(statements);
                savepoint.release();
            } catch (RuntimeException unwritable) {
                savepoint.rollback();
                parked.events.add(event.getIdentifier());
                parked.sequences.add(sequence);
                deadLetters.park(group, sequence, event, unwritable);
            }
        }
    }

    private record Statement(String sql, Object[] parameters, EventMessage<?> event) {}

    /** The batch's parked events and sequences, so that a later flush of the same batch parks what follows them. */
    private static final class Parked {
        final Set<String> events = new HashSet<>();
        final Set<Object> sequences = new HashSet<>();
    }
}
