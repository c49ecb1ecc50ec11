package org.carebank.query.visit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.audit.UpcastEventReader;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.Callers;
import org.carebank.query.web.NotFoundException;
import org.carebank.query.web.Page;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/visits")
@Tag(name = "Visits")
@ReadsProjection(VisitProjection.PROCESSING_GROUP)
class VisitQueryController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VisitView(
            String visitId,
            String packageId,
            String clientRef,
            String providerId,
            String zone,
            String workerId,
            Instant plannedStart,
            int plannedMinutes,
            boolean timeCritical,
            VisitStatus status,
            boolean late,
            boolean missedAlerted,
            Instant checkedInAt,
            Instant checkedOutAt,
            Integer deliveredMinutes,
            @com.fasterxml.jackson.annotation.JsonProperty("short") boolean shortVisit,
            Integer unusedMinutes,
            Integer billableMinutes,
            Long billablePence,
            BillingRule billingRule,
            int hourlyRatePence,
            String cancelledBy,
            String cancellationReason,
            Instant cancelledAt,
            Long noticeMinutes) {}

    private static final String COLUMNS =
            """
            SELECT visit_id, package_id, client_ref, provider_id, zone, worker_id, planned_start, planned_minutes,
              time_critical, status, late, missed_alerted, checked_in_at, checked_out_at, delivered_minutes,
              short_visit, unused_minutes, billable_minutes, billable_pence, billing_rule, hourly_rate_pence,
              cancelled_by, cancellation_reason, cancelled_at, notice_minutes
            FROM visit_view""";

    private final JdbcClient jdbc;
    private final UpcastEventReader history;

    VisitQueryController(JdbcClient jdbc, UpcastEventReader history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    @GetMapping("/{visitId}")
    @Operation(
            summary = "One visit: plan, status, ECM times, delivered and billable figures",
            description = "With asOf= the visit as recorded up to that instant, folded from its events.")
    VisitView visit(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String visitId, @RequestParam(required = false) Instant asOf) {
        Caller caller = Callers.current();
        var found = asOf != null
                ? VisitFold.fold(history.upTo(StreamIds.visit(visitId), asOf))
                : jdbc.sql(COLUMNS + " WHERE visit_id = ?")
                        .param(visitId)
                        .query(VisitQueryController::row)
                        .optional();
        return found.filter(visit -> caller.mayActFor(visit.providerId()))
                .orElseThrow(() -> new NotFoundException("unknown-visit", "No visit " + visitId + "."));
    }

    @GetMapping
    @Operation(summary = "Visits by provider, client, worker, planned start range [from, to) and status, paged")
    Page<VisitView> visits(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String clientRef,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String workerId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) VisitStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Caller caller = Callers.current();
        var where = new StringBuilder(" WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (caller.providerId() != null) {
            where.append(" AND provider_id = ?");
            params.add(caller.providerId());
        }
        filter(where, params, "provider_id = ?", providerId);
        filter(where, params, "client_ref = ?", clientRef);
        filter(where, params, "worker_id = ?", workerId);
        filter(where, params, "planned_start >= ?", Sql.ts(from));
        filter(where, params, "planned_start < ?", Sql.ts(to));
        filter(where, params, "status = ?", status == null ? null : status.name());
        long total = jdbc.sql("SELECT COUNT(*) FROM visit_view" + where)
                .params(params)
                .query(Long.class)
                .single();
        var pageParams = new ArrayList<Object>(params);
        pageParams.add((long) page * size);
        pageParams.add(size);
        List<VisitView> items = jdbc.sql(
                        COLUMNS + where + " ORDER BY planned_start, visit_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(pageParams)
                .query(VisitQueryController::row)
                .list();
        return new Page<>(items, page, size, total);
    }

    private static void filter(StringBuilder where, List<Object> params, String condition, Object value) {
        if (value != null) {
            where.append(" AND ").append(condition);
            params.add(value);
        }
    }

    private static VisitView row(ResultSet rs, int n) throws SQLException {
        String billingRule = rs.getString("billing_rule");
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
                Sql.nullableLong(rs, "notice_minutes"));
    }
}
