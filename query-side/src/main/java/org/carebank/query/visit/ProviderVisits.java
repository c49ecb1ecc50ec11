package org.carebank.query.visit;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a provider's visits for the dashboard's drill-down, and the span of dates that hold visits. */
@Component
class ProviderVisits {

    /** More than a busy provider plans in a month; a longer list is cut, and says so. */
    static final int LIMIT = 5000;

    /**
     * One provider's visits planned in a period, oldest first, with their outcome.
     *
     * @param truncated more visits matched than {@link #LIMIT}; ask for a shorter period
     */
    record VisitList(
            String providerId,
            LocalDate from,
            LocalDate to,
            VisitIssue issue,
            String workerId,
            int count,
            boolean truncated,
            List<VisitView> visits)
            implements CsvExportable {

        @Override
        public CsvTable toCsv() {
            var header = List.of(
                    "visitId",
                    "providerId",
                    "workerId",
                    "clientRef",
                    "zone",
                    "plannedStart",
                    "plannedMinutes",
                    "timeCritical",
                    "status",
                    "late",
                    "missedAlerted",
                    "short",
                    "checkedInAt",
                    "checkedOutAt",
                    "deliveredMinutes",
                    "cancelledBy");
            var rows = new ArrayList<List<Object>>();
            for (VisitView v : visits) {
                rows.add(Arrays.asList(
                        v.visitId(),
                        v.providerId(),
                        v.workerId(),
                        v.clientRef(),
                        v.zone(),
                        v.plannedStart(),
                        v.plannedMinutes(),
                        v.timeCritical(),
                        v.status(),
                        v.late(),
                        v.missedAlerted(),
                        v.shortVisit(),
                        v.checkedInAt(),
                        v.checkedOutAt(),
                        v.deliveredMinutes(),
                        v.cancelledBy()));
            }
            return new CsvTable(header, rows);
        }
    }

    private final JdbcClient jdbc;

    ProviderVisits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Visits of the provider planned in [start, end), narrowed by issue and worker when given (null: any). */
    List<VisitView> planned(String providerId, Instant start, Instant end, VisitIssue issue, String workerId) {
        var where = new StringBuilder(" WHERE provider_id = ? AND planned_start >= ? AND planned_start < ?");
        var params = new ArrayList<Object>(List.of(providerId, ts(start), ts(end)));
        if (issue != null) {
            where.append(" AND ").append(issue.condition);
        }
        if (workerId != null) {
            where.append(" AND worker_id = ?");
            params.add(workerId);
        }
        params.add(LIMIT + 1);
        return jdbc.sql(VisitTable.SELECT + where + " ORDER BY planned_start, visit_id FETCH FIRST ? ROWS ONLY")
                .params(params)
                .query(VisitTable::row)
                .list();
    }

    /** The latest planned start before {@code now}, of one provider's visits or (null) of all. */
    Optional<Instant> latestPlannedBefore(Instant now, String providerId) {
        return bound("MAX", " WHERE planned_start < ?", now, providerId);
    }

    /** The earliest planned start, of one provider's visits or (null) of all. */
    Optional<Instant> earliestPlanned(String providerId) {
        return bound("MIN", " WHERE 1 = 1", null, providerId);
    }

    private Optional<Instant> bound(String aggregate, String where, Instant now, String providerId) {
        var sql = new StringBuilder("SELECT " + aggregate + "(planned_start) AS bound FROM visit_view" + where);
        var params = new ArrayList<Object>();
        if (now != null) {
            params.add(ts(now));
        }
        if (providerId != null) {
            sql.append(" AND provider_id = ?");
            params.add(providerId);
        }
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> Sql.instant(rs, "bound")).list().stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }
}
