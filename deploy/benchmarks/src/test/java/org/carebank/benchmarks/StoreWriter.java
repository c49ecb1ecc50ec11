package org.carebank.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.carebank.kernel.audit.ChainHash;
import org.carebank.kernel.serialization.EventJson;

/**
 * Writes a generated history straight into an Axon {@code domainevententry} table with baseline (a)'s JDBC batch
 * insert, in the stored form Axon's Jackson serializer gives the same events (payload and metadata as JSON by
 * {@link EventJson}, revision from {@code @Revision}, Axon's timestamp format). Fast enough for a council-year of 10
 * million events, where appending through the storage engine would take most of an hour.
 *
 * <p>With {@code chained}, each batch also links its events into Carebank's hash chain ({@code event_chain}, after the
 * head in {@code event_chain_head}, under its lock, in the same transaction), exactly as the service links what it
 * stores: the store verifies and nothing is left for the service to adopt. Global indexes are taken from the table's
 * own sequence, so events the service appends meanwhile keep their own.
 */
final class StoreWriter implements AutoCloseable {

    private static final String INSERT =
            """
            INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,
              metadata, payload, payloadrevision, payloadtype, timestamp)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final Connection connection;
    private final boolean chained;
    private final ObjectMapper json = EventJson.objectMapper();
    private final AnnotationRevisionResolver revisions = new AnnotationRevisionResolver();
    private final PreparedStatement insert;
    private final PreparedStatement link;
    private final PreparedStatement ids;
    private long written;

    StoreWriter(String url, boolean chained) throws Exception {
        // pgjdbc sends a batch of inserts as multi-row statements (as baseline (a) can): a council-year is 10 million rows
        this.connection = DriverManager.getConnection(
                url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", "postgres", "postgres");
        this.chained = chained;
        connection.setAutoCommit(false);
        insert = connection.prepareStatement(INSERT);
        link = chained
                ? connection.prepareStatement(
                        "INSERT INTO event_chain (chain_position, event_identifier, global_index, link) VALUES (?, ?, ?, ?)")
                : null;
        ids = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex')) FROM generate_series(1, ?)");
    }

    long written() {
        return written;
    }

    /** One transaction: the batch's events (and their links) or nothing. */
    void write(List<DomainEventMessage<?>> batch) throws Exception {
        long[] globalIndexes = reserve(batch.size());
        long position = 0;
        String previous = null;
        if (chained) {
            try (var head = connection.createStatement();
                    var rows = head.executeQuery(
                            "SELECT chain_position, link FROM event_chain_head WHERE id = 1 FOR UPDATE")) {
                rows.next();
                position = rows.getLong(1);
                previous = rows.getString(2);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            var event = batch.get(i);
            String eventId = UUID.randomUUID().toString();
            Class<?> type = event.getPayloadType();
            String revision = revisions.revisionOf(type);
            String timestamp = DateTimeUtils.formatInstant(event.getTimestamp());
            byte[] payload = json.writeValueAsBytes(event.getPayload());
            byte[] metadata = json.writeValueAsBytes(Map.copyOf(event.getMetaData()));
            insert.setLong(1, globalIndexes[i]);
            insert.setString(2, event.getAggregateIdentifier());
            insert.setLong(3, event.getSequenceNumber());
            insert.setString(4, event.getType());
            insert.setString(5, eventId);
            insert.setBytes(6, metadata);
            insert.setBytes(7, payload);
            insert.setString(8, revision);
            insert.setString(9, type.getName());
            insert.setString(10, timestamp);
            insert.addBatch();
            if (chained) {
                previous = ChainHash.link(
                        previous,
                        new ChainHash.StoredEvent(
                                eventId,
                                event.getAggregateIdentifier(),
                                event.getSequenceNumber(),
                                event.getType(),
                                type.getName(),
                                revision,
                                timestamp,
                                payload,
                                metadata));
                position++;
                link.setLong(1, position);
                link.setString(2, eventId);
                link.setLong(3, globalIndexes[i]);
                link.setString(4, previous);
                link.addBatch();
            }
        }
        insert.executeBatch();
        if (chained) {
            link.executeBatch();
            try (var head = connection.prepareStatement(
                    "UPDATE event_chain_head SET chain_position = ?, link = ? WHERE id = 1")) {
                head.setLong(1, position);
                head.setString(2, previous);
                head.executeUpdate();
            }
        }
        connection.commit();
        written += batch.size();
    }

    private long[] reserve(int count) throws Exception {
        var reserved = new ArrayList<Long>(count);
        ids.setInt(1, count);
        try (var rows = ids.executeQuery()) {
            while (rows.next()) {
                reserved.add(rows.getLong(1));
            }
        }
        return reserved.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
