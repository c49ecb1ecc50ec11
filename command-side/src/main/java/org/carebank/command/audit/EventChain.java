package org.carebank.command.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.carebank.kernel.audit.ChainHash;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends links to the tamper-evidence chain (ADR 0005). Must run inside the transaction that stored the event: the
 * event is read back from {@code domainevententry} by its identifier, so the link covers the bytes as stored (the
 * storage engine has appended them before any subscribing processor runs), and the head row is locked until that
 * transaction ends, so links are made one transaction at a time, in commit order.
 */
@Component
public class EventChain {

    private static final String SELECT_EVENT =
            """
            SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, payloadtype,
              payloadrevision, timestamp, payload, metadata
            FROM domainevententry""";

    private record Head(long position, String link, boolean adopted) {}

    private record Row(long globalIndex, ChainHash.StoredEvent event) {}

    private final JdbcClient jdbc;
    private final Timer linking;

    EventChain(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        // What the chain adds to each stored event, waiting for the head's lock included.
        this.linking = Timer.builder("carebank.audit.chain.link")
                .description("Time to link one stored event into the hash chain, lock wait included")
                .register(meters);
    }

    /** Links the stored event with this identifier after the current head. */
    public void link(String eventIdentifier) {
        linking.record(() -> linkNow(eventIdentifier));
    }

    private void linkNow(String eventIdentifier) {
        Head head = lockHead();
        Row row = jdbc.sql(SELECT_EVENT + " WHERE eventidentifier = ?")
                .param(eventIdentifier)
                .query(EventChain::row)
                .optional()
                .orElseThrow(() -> new IllegalStateException(
                        "event " + eventIdentifier + " is not in domainevententry within this transaction"));
        append(head, List.of(row));
    }

    /**
     * Links, in global index order, up to {@code batchSize} events stored before the chain existed. Returns how many
     * it linked; 0 once every event is linked, at which point the chain is marked adopted.
     */
    int adoptNextBatch(int batchSize) {
        Head head = lockHead();
        if (head.adopted()) {
            return 0;
        }
        List<Row> rows = jdbc.sql(SELECT_EVENT + " e WHERE NOT EXISTS (SELECT 1 FROM event_chain c"
                        + " WHERE c.event_identifier = e.eventidentifier) ORDER BY globalindex FETCH FIRST ? ROWS ONLY")
                .param(batchSize)
                .query(EventChain::row)
                .list();
        if (rows.isEmpty()) {
            jdbc.sql("UPDATE event_chain_head SET adopted = TRUE WHERE id = 1").update();
            return 0;
        }
        append(head, rows);
        return rows.size();
    }

    private Head lockHead() {
        return jdbc.sql("SELECT chain_position, link, adopted FROM event_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                .single();
    }

    private void append(Head head, List<Row> rows) {
        long position = head.position();
        String link = head.link();
        for (Row row : rows) {
            position++;
            link = ChainHash.link(link, row.event());
            jdbc.sql(
                            """
                            INSERT INTO event_chain (chain_position, event_identifier, global_index, link)
                            VALUES (?, ?, ?, ?)""")
                    .params(position, row.event().eventIdentifier(), row.globalIndex(), link)
                    .update();
        }
        jdbc.sql("UPDATE event_chain_head SET chain_position = ?, link = ? WHERE id = 1")
                .params(position, link)
                .update();
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getLong("globalindex"),
                new ChainHash.StoredEvent(
                        rs.getString("eventidentifier"),
                        rs.getString("aggregateidentifier"),
                        rs.getLong("sequencenumber"),
                        rs.getString("type"),
                        rs.getString("payloadtype"),
                        rs.getString("payloadrevision"),
                        rs.getString("timestamp"),
                        rs.getBytes("payload"),
                        rs.getBytes("metadata")));
    }
}
