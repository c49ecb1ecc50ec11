package org.carebank.query.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carebank.kernel.audit.ChainHash;
import org.springframework.stereotype.Component;

/**
 * Reads the event store's own tables, as stored, for the audit API: nothing here goes through a projection or the
 * code's current view of an event. Large reads run through a database cursor (auto-commit off, a fetch size), so an
 * export of any length holds one batch of rows in memory at a time.
 */
@Component
class EventTableReader {

    /** One event as stored, with its link in the chain; {@code position} is its chain position (commit order). */
    record ChainedEvent(Long position, String link, long globalIndex, ChainHash.StoredEvent stored) {}

    @FunctionalInterface
    interface EventSink {
        void accept(ChainedEvent event) throws IOException;
    }

    @FunctionalInterface
    interface SnapshotWork<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    static final String EVENT_COLUMNS = "e.globalindex, e.eventidentifier, e.aggregateidentifier, e.sequencenumber,"
            + " e.type, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata";

    private static final int FETCH_SIZE = 500;

    private final DataSource dataSource;

    EventTableReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The feed: events after chain position {@code after}, in chain (commit) order, at most {@code limit} (null for
     * all). The chain position, unlike the global index, is handed out under the chain's lock at commit, so a reader
     * resuming after position n can never miss an event that committed later with a smaller global index.
     */
    void feed(long after, Integer limit, EventSink sink) throws IOException {
        String sql = "SELECT c.chain_position, c.link, " + EVENT_COLUMNS
                + " FROM event_chain c JOIN domainevententry e ON e.eventidentifier = c.event_identifier"
                + " WHERE c.chain_position > ? ORDER BY c.chain_position"
                + (limit == null ? "" : " FETCH FIRST " + limit + " ROWS ONLY");
        inSnapshot(false, connection -> {
            try (PreparedStatement statement = cursor(connection, sql)) {
                statement.setLong(1, after);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new ChainedEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), stored(rs, 3)));
                    }
                }
            }
            return null;
        });
    }

    /** One stream's events as stored, in sequence order; the chain position is null for an unlinked event. */
    List<ChainedEvent> stream(String streamId) {
        String sql = "SELECT c.chain_position, c.link, " + EVENT_COLUMNS
                + " FROM domainevententry e LEFT JOIN event_chain c ON c.event_identifier = e.eventidentifier"
                + " WHERE e.aggregateidentifier = ? ORDER BY e.sequencenumber";
        try {
            return inSnapshot(false, connection -> {
                var events = new ArrayList<ChainedEvent>();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, streamId);
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            long position = rs.getLong(1);
                            events.add(new ChainedEvent(
                                    rs.wasNull() ? null : position, rs.getString(2), rs.getLong(3), stored(rs, 3)));
                        }
                    }
                }
                return events;
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code work} on a connection of its own, read only, auto-commit off (PostgreSQL streams a result set
     * through a cursor only then). With {@code repeatable}, every statement sees the same snapshot of the store.
     */
    <T> T inSnapshot(boolean repeatable, SnapshotWork<T> work) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            try {
                connection.setAutoCommit(false);
                if (repeatable) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
                connection.setReadOnly(true);
                return work.run(connection);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the event store failed", e);
        }
    }

    static PreparedStatement cursor(Connection connection, String sql) throws SQLException {
        PreparedStatement statement =
                connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    /** The stored columns of {@code EVENT_COLUMNS}, whose first ({@code globalindex}) is column {@code first}. */
    static ChainHash.StoredEvent stored(ResultSet rs, int first) throws SQLException {
        return new ChainHash.StoredEvent(
                rs.getString(first + 1),
                rs.getString(first + 2),
                rs.getLong(first + 3),
                rs.getString(first + 4),
                rs.getString(first + 5),
                rs.getString(first + 6),
                rs.getString(first + 7),
                rs.getBytes(first + 8),
                rs.getBytes(first + 9));
    }
}
