package org.carebank.query.amendment;

import static org.carebank.query.web.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The amendment queue's table, {@code amendment_view}: one row per amendment, read and written whole. No rule. */
@Component
class AmendmentTable {

    private static final String COLUMNS =
            """
            provider_id, client_ref, worker_id, planned_start, status, reason_code, note, status_before,
              before_started_at, before_ended_at, before_minutes, before_ended_early, before_not_delivered,
              after_started_at, after_ended_at, after_minutes, after_ended_early, after_not_delivered, requested_by,
              requested_at, decided_by, decided_at, decision_note, automatic, updated_at""";

    private static final String SELECT = "SELECT visit_id, amendment_id, " + COLUMNS + " FROM amendment_view";

    private static final String INSERT = "INSERT INTO amendment_view (" + COLUMNS
            + ", visit_id, amendment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?)";

    private static final String UPDATE =
            """
            UPDATE amendment_view SET provider_id = ?, client_ref = ?, worker_id = ?, planned_start = ?, status = ?,
              reason_code = ?, note = ?, status_before = ?, before_started_at = ?, before_ended_at = ?,
              before_minutes = ?, before_ended_early = ?, before_not_delivered = ?, after_started_at = ?,
              after_ended_at = ?, after_minutes = ?, after_ended_early = ?, after_not_delivered = ?,
              requested_by = ?, requested_at = ?, decided_by = ?, decided_at = ?, decision_note = ?, automatic = ?,
              updated_at = ?
            WHERE visit_id = ? AND amendment_id = ?""";

    private final JdbcClient jdbc;

    AmendmentTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored rows of these keys ({@link AmendmentFold#key}). */
    Map<String, AmendmentView> byKeys(Collection<String> keys) {
        var rows = new HashMap<String, AmendmentView>();
        if (keys.isEmpty()) {
            return rows;
        }
        var visitIds = keys.stream()
                .map(key -> key.substring(0, key.indexOf('/')))
                .distinct()
                .toList();
        jdbc
                .sql(SELECT + " WHERE visit_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(visitIds.size(), "?")) + ")")
                .params(new ArrayList<Object>(visitIds))
                .query(AmendmentTable::row)
                .list()
                .stream()
                .filter(view -> keys.contains(view.key()))
                .forEach(view -> rows.put(view.key(), view));
        return rows;
    }

    /** The queue: oldest request first, of one provider and/or status when given (null: any). */
    List<AmendmentView> queue(String callerProviderId, String providerId, AmendmentStatus status, String visitId) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        for (String provider : new String[] {callerProviderId, providerId}) {
            if (provider != null) {
                where.append(" AND provider_id = ?");
                params.add(provider);
            }
        }
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status.name());
        }
        if (visitId != null) {
            where.append(" AND visit_id = ?");
            params.add(visitId);
        }
        return jdbc.sql(SELECT + where + " ORDER BY requested_at, visit_id, amendment_id")
                .params(params)
                .query(AmendmentTable::row)
                .list();
    }

    void write(BatchedWrites writes, AmendmentView before, AmendmentView after, Instant at) {
        writes.update(before == null ? INSERT : UPDATE, columns(after, at));
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM amendment_view").update();
    }

    private static Object[] columns(AmendmentView view, Instant at) {
        var before = view.before();
        var after = view.after();
        return new Object[] {
            view.providerId(),
            view.clientRef(),
            view.workerId(),
            ts(view.plannedStart()),
            view.status().name(),
            view.reasonCode().name(),
            view.note(),
            before.status().name(),
            ts(before.checkedInAt()),
            ts(before.checkedOutAt()),
            before.deliveredMinutes(),
            before.endedEarlyAtClientRequest(),
            before.notDelivered(),
            ts(after.checkedInAt()),
            ts(after.checkedOutAt()),
            after.deliveredMinutes(),
            after.endedEarlyAtClientRequest(),
            after.notDelivered(),
            view.requestedBy(),
            ts(view.requestedAt()),
            view.decidedBy(),
            ts(view.decidedAt()),
            view.decisionNote(),
            view.automatic(),
            ts(at),
            view.visitId(),
            view.amendmentId()
        };
    }

    private static AmendmentView row(ResultSet rs, int n) throws SQLException {
        boolean notDelivered = rs.getBoolean("after_not_delivered");
        return new AmendmentView(
                rs.getString("amendment_id"),
                rs.getString("visit_id"),
                rs.getString("provider_id"),
                rs.getString("client_ref"),
                rs.getString("worker_id"),
                Sql.instant(rs, "planned_start"),
                AmendmentStatus.valueOf(rs.getString("status")),
                AmendmentReason.valueOf(rs.getString("reason_code")),
                rs.getString("note"),
                new AmendmentView.Side(
                        VisitStatus.valueOf(rs.getString("status_before")),
                        Sql.instant(rs, "before_started_at"),
                        Sql.instant(rs, "before_ended_at"),
                        rs.getInt("before_minutes"),
                        rs.getBoolean("before_ended_early"),
                        rs.getBoolean("before_not_delivered")),
                new AmendmentView.Side(
                        notDelivered ? VisitStatus.MISSED : VisitStatus.DELIVERED,
                        Sql.instant(rs, "after_started_at"),
                        Sql.instant(rs, "after_ended_at"),
                        rs.getInt("after_minutes"),
                        rs.getBoolean("after_ended_early"),
                        notDelivered),
                rs.getString("requested_by"),
                Sql.instant(rs, "requested_at"),
                rs.getString("decided_by"),
                Sql.instant(rs, "decided_at"),
                rs.getString("decision_note"),
                rs.getBoolean("automatic"));
    }
}
