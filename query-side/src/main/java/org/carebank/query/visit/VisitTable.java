package org.carebank.query.visit;

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
import java.util.Optional;
import org.carebank.kernel.payment.Verification;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.web.Page;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The visit view's table, {@code visit_view}: one row per visit, read and written whole. Holds no rule. */
@Component
class VisitTable {

    static final String SELECT =
            """
            SELECT visit_id, package_id, client_ref, provider_id, zone, worker_id, planned_start, planned_minutes,
              time_critical, status, late, missed_alerted, checked_in_at, checked_out_at, delivered_minutes,
              short_visit, unused_minutes, billable_minutes, billable_pence, billing_rule, hourly_rate_pence,
              cancelled_by, cancellation_reason, cancelled_at, notice_minutes, original_checked_in_at,
              original_checked_out_at, amended, amendment_id, amendment_status, amendment_reason,
              amendment_requested_at, amendment_decided_at,
              verification, exceptions, exceptions_accepted
            FROM visit_view""";

    private static final String INSERT =
            """
            INSERT INTO visit_view (package_id, client_ref, provider_id, zone, worker_id, planned_start,
              planned_minutes, time_critical, status, late, missed_alerted, checked_in_at, checked_out_at,
              delivered_minutes, short_visit, unused_minutes, billable_minutes, billable_pence, billing_rule,
              hourly_rate_pence, cancelled_by, cancellation_reason, cancelled_at, notice_minutes,
              original_checked_in_at, original_checked_out_at, amended, amendment_id, amendment_status,
              amendment_reason, amendment_requested_at, amendment_decided_at, verification, exceptions,
              exceptions_accepted, updated_at, visit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Every column but the key, so that every event of a batch shares one statement and one JDBC batch. */
    private static final String UPDATE =
            """
            UPDATE visit_view SET package_id = ?, client_ref = ?, provider_id = ?, zone = ?, worker_id = ?,
              planned_start = ?, planned_minutes = ?, time_critical = ?, status = ?, late = ?, missed_alerted = ?,
              checked_in_at = ?, checked_out_at = ?, delivered_minutes = ?, short_visit = ?, unused_minutes = ?,
              billable_minutes = ?, billable_pence = ?, billing_rule = ?, hourly_rate_pence = ?, cancelled_by = ?,
              cancellation_reason = ?, cancelled_at = ?, notice_minutes = ?, original_checked_in_at = ?,
              original_checked_out_at = ?, amended = ?, amendment_id = ?, amendment_status = ?, amendment_reason = ?,
              amendment_requested_at = ?, amendment_decided_at = ?, verification = ?, exceptions = ?,
              exceptions_accepted = ?, updated_at = ?
            WHERE visit_id = ?""";

    private final JdbcClient jdbc;

    VisitTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored rows of these visits, by id. */
    Map<String, VisitView> byIds(Collection<String> visitIds) {
        if (visitIds.isEmpty()) {
            return Map.of();
        }
        var rows = new HashMap<String, VisitView>();
        jdbc.sql(SELECT + " WHERE visit_id IN (" + String.join(", ", Collections.nCopies(visitIds.size(), "?")) + ")")
                .params(new ArrayList<Object>(visitIds))
                .query(VisitTable::row)
                .list()
                .forEach(visit -> rows.put(visit.visitId(), visit));
        return rows;
    }

    Optional<VisitView> byId(String visitId) {
        return jdbc.sql(SELECT + " WHERE visit_id = ?")
                .param(visitId)
                .query(VisitTable::row)
                .optional();
    }

    /** Visits matching every given condition (null: any), by planned start then id. */
    Page<VisitView> page(Filter filter, int page, int size) {
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        condition(where, params, "provider_id = ?", filter.callerProviderId());
        condition(where, params, "provider_id = ?", filter.providerId());
        condition(where, params, "client_ref = ?", filter.clientRef());
        condition(where, params, "worker_id = ?", filter.workerId());
        condition(where, params, "planned_start >= ?", ts(filter.from()));
        condition(where, params, "planned_start < ?", ts(filter.to()));
        condition(
                where,
                params,
                "status = ?",
                filter.status() == null ? null : filter.status().name());
        long total = jdbc.sql("SELECT COUNT(*) FROM visit_view" + where)
                .params(params)
                .query(Long.class)
                .single();
        var pageParams = new ArrayList<Object>(params);
        pageParams.add((long) page * size);
        pageParams.add(size);
        List<VisitView> items = jdbc.sql(
                        SELECT + where + " ORDER BY planned_start, visit_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(pageParams)
                .query(VisitTable::row)
                .list();
        return new Page<>(items, page, size, total);
    }

    record Filter(
            String callerProviderId,
            String providerId,
            String clientRef,
            String workerId,
            Instant from,
            Instant to,
            VisitStatus status) {}

    /** Writes {@code after} over {@code before} (null: a new row) at the end of the batch, as the event's write. */
    void write(BatchedWrites writes, VisitView before, VisitView after, Instant at) {
        writes.update(before == null ? INSERT : UPDATE, columns(after, at));
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM visit_view").update();
    }

    private static Object[] columns(VisitView visit, Instant at) {
        var amendment = visit.amendment();
        return new Object[] {
            visit.packageId(),
            visit.clientRef(),
            visit.providerId(),
            visit.zone(),
            visit.workerId(),
            ts(visit.plannedStart()),
            visit.plannedMinutes(),
            visit.timeCritical(),
            visit.status().name(),
            visit.late(),
            visit.missedAlerted(),
            ts(visit.checkedInAt()),
            ts(visit.checkedOutAt()),
            visit.deliveredMinutes(),
            visit.shortVisit(),
            visit.unusedMinutes(),
            visit.billableMinutes(),
            visit.billablePence(),
            visit.billingRule() == null ? null : visit.billingRule().name(),
            visit.hourlyRatePence(),
            visit.cancelledBy(),
            visit.cancellationReason(),
            ts(visit.cancelledAt()),
            visit.noticeMinutes(),
            visit.original() == null ? null : ts(visit.original().checkedInAt()),
            visit.original() == null ? null : ts(visit.original().checkedOutAt()),
            visit.original() != null,
            amendment == null ? null : amendment.amendmentId(),
            amendment == null ? null : amendment.status().name(),
            amendment == null ? null : amendment.reasonCode().name(),
            amendment == null ? null : ts(amendment.requestedAt()),
            amendment == null ? null : ts(amendment.decidedAt()),
            visit.verification() == null ? null : visit.verification().name(),
            visit.exceptions() == null
                    ? null
                    : String.join(
                            ",", visit.exceptions().stream().map(Enum::name).toList()),
            visit.exceptionsAccepted(),
            ts(at),
            visit.visitId()
        };
    }

    private static void condition(StringBuilder where, List<Object> params, String condition, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            params.add(value);
        }
    }

    static VisitView row(ResultSet rs, int n) throws SQLException {
        String billingRule = rs.getString("billing_rule");
        String verification = rs.getString("verification");
        String exceptions = rs.getString("exceptions");
        return new VisitView(
                rs.getString("visit_id"),
                rs.getString("package_id"),
                rs.getString("client_ref"),
                rs.getString("provider_id"),
                rs.getString("zone"),
                rs.getString("worker_id"),
                Sql.instant(rs, "planned_start"),
                rs.getInt("planned_minutes"),
                rs.getBoolean("time_critical"),
                VisitStatus.valueOf(rs.getString("status")),
                rs.getBoolean("late"),
                rs.getBoolean("missed_alerted"),
                Sql.instant(rs, "checked_in_at"),
                Sql.instant(rs, "checked_out_at"),
                Sql.nullableInt(rs, "delivered_minutes"),
                rs.getBoolean("short_visit"),
                Sql.nullableInt(rs, "unused_minutes"),
                Sql.nullableInt(rs, "billable_minutes"),
                Sql.nullableLong(rs, "billable_pence"),
                billingRule == null ? null : BillingRule.valueOf(billingRule),
                rs.getInt("hourly_rate_pence"),
                rs.getString("cancelled_by"),
                rs.getString("cancellation_reason"),
                Sql.instant(rs, "cancelled_at"),
                Sql.nullableLong(rs, "notice_minutes"),
                rs.getBoolean("amended")
                        ? new VisitView.OriginalTimes(
                                Sql.instant(rs, "original_checked_in_at"), Sql.instant(rs, "original_checked_out_at"))
                        : null,
                amendmentOf(rs),
                verification == null ? null : Verification.valueOf(verification),
                exceptions == null
                        ? null
                        : exceptions.isEmpty()
                                ? List.<VisitException>of()
                                : java.util.Arrays.stream(exceptions.split(","))
                                        .map(VisitException::valueOf)
                                        .toList(),
                (Boolean) rs.getObject("exceptions_accepted"));
    }

    private static VisitView.AmendmentSummary amendmentOf(ResultSet rs) throws SQLException {
        String id = rs.getString("amendment_id");
        if (id == null) {
            return null;
        }
        return new VisitView.AmendmentSummary(
                id,
                AmendmentStatus.valueOf(rs.getString("amendment_status")),
                AmendmentReason.valueOf(rs.getString("amendment_reason")),
                Sql.instant(rs, "amendment_requested_at"),
                Sql.instant(rs, "amendment_decided_at"));
    }
}
