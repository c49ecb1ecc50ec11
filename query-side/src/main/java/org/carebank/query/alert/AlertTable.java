package org.carebank.query.alert;

import static org.carebank.query.web.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertOutcome;
import org.carebank.kernel.alert.AlertStatus;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The alerts view's table, {@code alert_view}, one row per alert. Holds no rule: it stores and reads whole views. */
@Component
class AlertTable {

    private static final String SELECT =
            """
            SELECT alert_id, kind, visit_id, provider_id, client_ref, time_critical, planned_start, raised_at, status,
              escalation_of, escalated_as, acknowledged_at, acknowledgement_note, resolved_at, outcome,
              resolution_note, resolved_automatically, responded_at FROM alert_view""";

    private final JdbcClient jdbc;

    AlertTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@code GET /alerts} filters on; {@code callerProviderId} is set for a provider caller, who sees its own. */
    record Filter(
            String callerProviderId,
            String providerId,
            AlertStatus status,
            AlertKind kind,
            Boolean unresolved,
            Instant from,
            Instant to) {}

    Map<String, AlertView> byIds(Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return Map.of();
        }
        var map = new HashMap<String, AlertView>();
        jdbc.sql(SELECT + " WHERE alert_id IN (" + String.join(", ", Collections.nCopies(alertIds.size(), "?")) + ")")
                .params(new ArrayList<Object>(alertIds))
                .query(AlertTable::row)
                .list()
                .forEach(view -> map.put(view.alertId(), view));
        return map;
    }

    /** Alerts matching the filter, oldest first (the order the exceptions panel shows them in), at most {@code limit}. */
    List<AlertView> list(Filter filter, int limit) {
        var sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (filter.callerProviderId() != null) {
            sql.append(" AND provider_id = ?");
            params.add(filter.callerProviderId());
        }
        if (filter.providerId() != null) {
            sql.append(" AND provider_id = ?");
            params.add(filter.providerId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (Boolean.TRUE.equals(filter.unresolved())) {
            sql.append(" AND status <> 'RESOLVED'");
        }
        if (filter.kind() != null) {
            sql.append(" AND kind = ?");
            params.add(filter.kind().name());
        }
        if (filter.from() != null) {
            sql.append(" AND raised_at >= ?");
            params.add(ts(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND raised_at < ?");
            params.add(ts(filter.to()));
        }
        sql.append(" ORDER BY raised_at, alert_id");
        return jdbc.sql(sql.toString()).params(params).query(AlertTable::row).list().stream()
                .limit(limit)
                .toList();
    }

    /** The alerts of one provider (every provider's when null) raised in [from, to): what the performance view's response times are made of. */
    List<AlertView> raisedBetween(String providerId, Instant from, Instant to) {
        if (providerId == null) {
            return jdbc.sql(SELECT + " WHERE raised_at >= ? AND raised_at < ? ORDER BY raised_at")
                    .params(ts(from), ts(to))
                    .query(AlertTable::row)
                    .list();
        }
        return jdbc.sql(SELECT + " WHERE provider_id = ? AND raised_at >= ? AND raised_at < ? ORDER BY raised_at")
                .params(providerId, ts(from), ts(to))
                .query(AlertTable::row)
                .list();
    }

    /** Writes {@code after} over {@code before} (null: a new alert) at the end of the batch, as the event's writes. */
    void write(BatchedWrites writes, AlertView before, AlertView after) {
        if (before == null) {
            writes.update(
                    """
                    INSERT INTO alert_view (kind, visit_id, provider_id, client_ref, time_critical, planned_start,
                      raised_at, status, escalation_of, escalated_as, acknowledged_at, acknowledgement_note,
                      resolved_at, outcome, resolution_note, resolved_automatically, responded_at, alert_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    columns(after));
        } else {
            writes.update(
                    """
                    UPDATE alert_view SET kind = ?, visit_id = ?, provider_id = ?, client_ref = ?, time_critical = ?,
                      planned_start = ?, raised_at = ?, status = ?, escalation_of = ?, escalated_as = ?,
                      acknowledged_at = ?, acknowledgement_note = ?, resolved_at = ?, outcome = ?,
                      resolution_note = ?, resolved_automatically = ?, responded_at = ?
                    WHERE alert_id = ?""",
                    columns(after));
        }
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM alert_view").update();
    }

    private static Object[] columns(AlertView view) {
        return new Object[] {
            view.kind().name(),
            view.visitId(),
            view.providerId(),
            view.clientRef(),
            view.timeCritical(),
            ts(view.plannedStart()),
            ts(view.raisedAt()),
            view.status().name(),
            view.escalationOf(),
            view.escalatedAs(),
            ts(view.acknowledgedAt()),
            view.acknowledgementNote(),
            ts(view.resolvedAt()),
            view.outcome() == null ? null : view.outcome().name(),
            view.resolutionNote(),
            view.resolvedAutomatically(),
            ts(view.respondedAt()),
            view.alertId()
        };
    }

    private static AlertView row(ResultSet rs, int n) throws SQLException {
        String outcome = rs.getString("outcome");
        return new AlertView(
                rs.getString("alert_id"),
                AlertKind.valueOf(rs.getString("kind")),
                rs.getString("visit_id"),
                rs.getString("provider_id"),
                rs.getString("client_ref"),
                rs.getBoolean("time_critical"),
                Sql.instant(rs, "planned_start"),
                Sql.instant(rs, "raised_at"),
                AlertStatus.valueOf(rs.getString("status")),
                rs.getString("escalation_of"),
                rs.getString("escalated_as"),
                Sql.instant(rs, "acknowledged_at"),
                rs.getString("acknowledgement_note"),
                Sql.instant(rs, "resolved_at"),
                outcome == null ? null : AlertOutcome.valueOf(outcome),
                rs.getString("resolution_note"),
                rs.getBoolean("resolved_automatically"),
                Sql.instant(rs, "responded_at"));
    }
}
