package org.carebank.command.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.carebank.kernel.audit.ChainHash;
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate batch;
    private final Timer linking;

    EventChain(JdbcClient jdbc, JdbcTemplate batch, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.batch = batch;
        // What the chain adds to each unit of work that stores events, waiting for the head's lock included.
        this.linking = Timer.builder("carebank.audit.chain.link")
                .description("Time to link the events one unit of work stored into the hash chain, lock wait included")
                .register(meters);
    }

    /** Links the stored event with this identifier after the current head. */
    public void link(String eventIdentifier) {
        link(List.of(eventIdentifier));
    }

    /**
     * Links the stored events with these identifiers after the current head, in the order they were stored (global
     * index): one lock, one read and one batch of inserts for all the events of a unit of work.
     */
    public void link(List<String> eventIdentifiers) {
        linking.record(() -> linkNow(eventIdentifiers));
    }

    private void linkNow(List<String> eventIdentifiers) {
        Head head = lockHead();
        List<Row> rows = jdbc.sql(SELECT_EVENT + " WHERE eventidentifier IN (:ids) ORDER BY globalindex")
                .param("ids", eventIdentifiers)
                .query(EventChain::row)
                .list();
        Set<String> found =
                rows.stream().map(row -> row.event().eventIdentifier()).collect(Collectors.toSet());
        List<String> missing =
                eventIdentifiers.stream().filter(id -> !found.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "events " + missing + " are not in domainevententry within this transaction");
        }
        append(head, rows);
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
        var links = new ArrayList<Object[]>(rows.size());
        for (Row row : rows) {
            position++;
            link = ChainHash.link(link, row.event());
            links.add(new Object[] {position, row.event().eventIdentifier(), row.globalIndex(), link});
        }
        batch.batchUpdate(
                "INSERT INTO event_chain (chain_position, event_identifier, global_index, link) VALUES (?, ?, ?, ?)",
                links);
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
