package org.carebank.query.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A replay reads a folded view's rows once per batch, not once per event (ADR 0009): the rows every event of the batch
 * names are read in one query at the first event, and each event then sees what the earlier ones made of its row.
 */
class TouchedRowsTest {

    /** An event about one row; other payloads are not the view's. */
    record Touch(String id) {}

    private final List<List<String>> reads = new ArrayList<>();
    private final Map<String, String> stored = new HashMap<>(Map.of("a", "a0", "b", "b0"));

    private final TouchedRows<String> rows = new TouchedRows<>(
            "test-views",
            TestDatabase.batchedWrites(TestDatabase.shared(TestDatabase.Kind.H2)),
            payload -> payload instanceof Touch touch ? touch.id() : null,
            this::load);

    private Map<String, String> load(Collection<String> ids) {
        reads.add(List.copyOf(ids));
        var found = new HashMap<String, String>();
        ids.stream().filter(stored::containsKey).forEach(id -> found.put(id, stored.get(id)));
        return found;
    }

    /** Handles the batch as a processor does, each event appending its name to its row; what each event saw. */
    private List<String> handle(Object... payloads) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            messages.add(new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(), Instant.EPOCH));
        }
        var seen = new ArrayList<String>();
        var batch = new BatchingUnitOfWork<>(messages);
        batch.execute(() -> {
            if (batch.getMessage().getPayload() instanceof Touch touch) {
                String row = rows.get(touch.id());
                seen.add(String.valueOf(row));
                rows.put(touch.id(), row + "+");
            }
        });
        return seen;
    }

    @Test
    @DisplayName("one read for the whole batch, of each row once; later events see the earlier events' changes")
    void oneReadPerBatch() {
        var seen = handle(new Touch("a"), "not the view's", new Touch("b"), new Touch("a"), new Touch("new"));
        assertThat(reads).containsExactly(List.of("a", "b", "new"));
        assertThat(seen).containsExactly("a0", "b0", "a0+", "null");
    }

    @Test
    @DisplayName("the next batch reads again: what a batch changed in memory is not carried over")
    void eachBatchReadsAgain() {
        handle(new Touch("a"));
        var seen = handle(new Touch("a"));
        assertThat(reads).hasSize(2);
        assertThat(seen).containsExactly("a0");
    }

    @Test
    @DisplayName("a batch that touches none of the view's rows reads nothing")
    void nothingToRead() {
        handle("not the view's");
        assertThat(reads).isEmpty();
    }
}
