package org.carebank.query.deadletter;

import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A savepoint in the current transaction, so that a failed statement can be undone alone: PostgreSQL refuses every
 * further statement of a transaction in which one failed, until it rolls back to a savepoint. Outside a transaction
 * (autocommit) there is nothing to undo and this does nothing.
 */
public final class Savepoint {

    private final JdbcTemplate jdbc;
    private final Connection connection;
    private final java.sql.Savepoint savepoint;

    private Savepoint(JdbcTemplate jdbc, Connection connection, java.sql.Savepoint savepoint) {
        this.jdbc = jdbc;
        this.connection = connection;
        this.savepoint = savepoint;
    }

    public static Savepoint set(JdbcTemplate jdbc) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return new Savepoint(jdbc, null, null);
        }
        // The transaction's own connection: DataSourceUtils hands out the one bound to it.
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            return new Savepoint(jdbc, connection, connection.setSavepoint());
        } catch (SQLException e) {
            throw translator(jdbc).translate("SAVEPOINT", null, e);
        }
    }

    public void release() {
        if (savepoint != null) {
            try {
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                throw translator(jdbc).translate("RELEASE SAVEPOINT", null, e);
            }
        }
    }

    public void rollback() {
        if (savepoint != null) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw translator(jdbc).translate("ROLLBACK TO SAVEPOINT", null, e);
            }
        }
    }

    private static SQLExceptionTranslator translator(JdbcTemplate jdbc) {
        return jdbc.getExceptionTranslator();
    }
}
