package org.carebank.query.batch;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A projection's inserts and updates, sent to the database as JDBC batches at the end of the event batch instead of one
 * round trip each. Statements run in the order they were given, consecutive runs of the same statement in one batch;
 * a rebuild spent most of its time on these round trips (README, "Performance").
 *
 * <p>A projection that writes through this must write only through this, and must call {@link #flush()} before it
 * reads its own tables while handling an event: rows written earlier in the batch are not in the database until then.
 */
@Component
public class BatchedWrites {

    private static final String PENDING = BatchedWrites.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    public BatchedWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void update(String sql, Object... parameters) {
        List<Statement> pending = EndOfBatch.collect(PENDING, ArrayList::new, this::execute);
        pending.add(new Statement(sql, parameters));
    }

    /** Writes what the batch has given so far, so that a read sees it. */
    public void flush() {
        List<Statement> pending = EndOfBatch.collected(PENDING);
        if (pending != null) {
            execute(pending);
        }
    }

    private void execute(List<Statement> pending) {
        int from = 0;
        while (from < pending.size()) {
            String sql = pending.get(from).sql();
            int to = from + 1;
            while (to < pending.size() && pending.get(to).sql().equals(sql)) {
                to++;
            }
            jdbc.batchUpdate(
                    sql,
                    pending.subList(from, to).stream()
                            .map(Statement::parameters)
                            .toList());
            from = to;
        }
        pending.clear();
    }

    private record Statement(String sql, Object[] parameters) {}
}
