package org.carebank.query.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The rows of one view that the events of a batch touch, read in one query when the view handles the batch's first
 * event and then changed in memory, event by event: a replay reads once per batch instead of once per event
 * (ADR 0009). They live exactly as long as the batch's {@link BatchedWrites}: a batch that fails and is retried, or a
 * dead letter retried in a unit of work of its own (ADR 0010), starts again from what the database holds.
 *
 * <p>The projection must write every change it makes here through {@link BatchedWrites}, and nothing else may write
 * the view's tables during the batch.
 *
 * @param <V> the view's record
 */
public final class TouchedRows<V> {

    /** Ids per query: a batch is carebank.projections.batch-size events, a dead letter retry a whole sequence. */
    private static final int CHUNK = 500;

    private final String key;
    private final BatchedWrites writes;
    private final Function<Object, String> idOf;
    private final Function<Collection<String>, Map<String, V>> load;

    /**
     * @param view names the view, to keep its rows apart from other views' in the batch
     * @param idOf the row's id an event payload touches, or null for a payload the view does not handle
     * @param load the stored rows of the given ids (ids without a row are left out)
     */
    public TouchedRows(
            String view,
            BatchedWrites writes,
            Function<Object, String> idOf,
            Function<Collection<String>, Map<String, V>> load) {
        this.key = TouchedRows.class.getName() + "." + view;
        this.writes = writes;
        this.idOf = idOf;
        this.load = load;
    }

    /** The row as the batch's events so far left it, or null when there is none (yet). */
    public V get(String id) {
        Rows<V> rows = rows();
        if (!rows.read.contains(id)) {
            // Not announced by the batch's messages (never expected): read it alone, after what the batch wrote.
            writes.flush();
            rows.read.add(id);
            rows.values.putAll(load.apply(List.of(id)));
        }
        return rows.values.get(id);
    }

    /** What the event being handled made of the row; the projection writes it through {@link BatchedWrites}. */
    public void put(String id, V row) {
        rows().values.put(id, row);
    }

    private Rows<V> rows() {
        UnitOfWork<?> batch = EndOfBatch.batch();
        return batch.getOrComputeResource(key, ignored -> {
            Set<String> ids = new LinkedHashSet<>();
            for (EventMessage<?> message : messagesOf(batch)) {
                String id = idOf.apply(message.getPayload());
                if (id != null) {
                    ids.add(id);
                }
            }
            var rows = new Rows<V>(ids);
            var chunk = new ArrayList<String>(CHUNK);
            for (String id : ids) {
                chunk.add(id);
                if (chunk.size() == CHUNK) {
                    rows.values.putAll(load.apply(chunk));
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                rows.values.putAll(load.apply(chunk));
            }
            return rows;
        });
    }

    /** A pooled processor's batch holds all its events; a retried dead letter's unit of work holds one. */
    private static List<? extends EventMessage<?>> messagesOf(UnitOfWork<?> batch) {
        if (batch instanceof BatchingUnitOfWork<?> many) {
            return many.getMessages().stream()
                    .filter(EventMessage.class::isInstance)
                    .map(message -> (EventMessage<?>) message)
                    .toList();
        }
        return batch.getMessage() instanceof EventMessage<?> one ? List.of(one) : List.of();
    }

    private static final class Rows<V> {
        final Set<String> read;
        final Map<String, V> values = new HashMap<>();

        Rows(Set<String> read) {
            this.read = read;
        }
    }
}
