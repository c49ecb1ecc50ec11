package org.carebank.query.performance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.period.DatePeriod;
import org.carebank.query.web.Rates;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Period figures aggregated from the performance projection's rows, per provider. Each method answers for one
 * provider, or for all when {@code providerId} is null (the side-by-side list), with one indexed query.
 */
@Component
public class PerformanceQueries {

    public record ProviderStanding(
            String providerId,
            String name,
            ListStatus listStatus,
            CqcRating cqcOverall,
            CqcRating cqcWellLed,
            LocalDate cqcInspectedOn) {}

    public record PackageCounts(int offered, int accepted, Map<DeclineReason, Integer> declined, int handedBack) {

        static PackageCounts none() {
            var declined = new EnumMap<DeclineReason, Integer>(DeclineReason.class);
            for (DeclineReason reason : DeclineReason.values()) {
                declined.put(reason, 0);
            }
            return new PackageCounts(0, 0, declined, 0);
        }

        public int declinedTotal() {
            return declined.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public record WorkerIssues(String workerId, int missed, int late) {}

    private final JdbcClient jdbc;
    private final DashboardCalendar calendar;
    private final PerformanceSettings settings;

    PerformanceQueries(JdbcClient jdbc, DashboardCalendar calendar, PerformanceSettings settings) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.settings = settings;
    }

    public List<ProviderStanding> standings(String providerId) {
        var where = providerId == null ? "" : " WHERE provider_id = ?";
        return jdbc.sql(
                        """
                        SELECT provider_id, name, list_status, cqc_overall, cqc_well_led, cqc_inspected_on
                        FROM performance_provider"""
                                + where + " ORDER BY provider_id")
                .params(providerId == null ? List.of() : List.of(providerId))
                .query((rs, n) -> new ProviderStanding(
                        rs.getString("provider_id"),
                        rs.getString("name"),
                        ListStatus.valueOf(rs.getString("list_status")),
                        CqcRating.valueOf(rs.getString("cqc_overall")),
                        CqcRating.valueOf(rs.getString("cqc_well_led")),
                        Sql.date(rs, "cqc_inspected_on")))
                .list();
    }

    public Map<String, VisitCounts> visitCounts(DatePeriod period, String providerId) {
        var params = new ArrayList<Object>();
        params.add(settings.shortNoticeHours() * 60L);
        String where = plannedIn(period, providerId, params);
        var counts = new HashMap<String, VisitCounts>();
        jdbc.sql(
                        """
                        SELECT provider_id,
                          COUNT(*) AS scheduled,
                          SUM(CASE WHEN status = 'DELIVERED' THEN 1 ELSE 0 END) AS delivered,
                          SUM(CASE WHEN status = 'MISSED' THEN 1 ELSE 0 END) AS missed,
                          SUM(CASE WHEN missed_alerted THEN 1 ELSE 0 END) AS missed_alerts,
                          SUM(CASE WHEN status = 'DELIVERED' AND late THEN 1 ELSE 0 END) AS late,
                          SUM(CASE WHEN status = 'DELIVERED' AND short_visit THEN 1 ELSE 0 END) AS short_visits,
                          SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled,
                          SUM(CASE WHEN status = 'CANCELLED' AND cancelled_by = 'PROVIDER' THEN 1 ELSE 0 END)
                            AS cancelled_by_provider,
                          SUM(CASE WHEN status = 'CANCELLED' AND cancelled_by = 'PROVIDER' AND notice_minutes < ?
                            THEN 1 ELSE 0 END) AS short_notice,
                          SUM(CASE WHEN status <> 'CANCELLED' THEN planned_minutes ELSE 0 END) AS planned_minutes,
                          SUM(CASE WHEN status = 'DELIVERED' THEN delivered_minutes ELSE 0 END) AS delivered_minutes,
                          SUM(CASE WHEN status <> 'CANCELLED' AND planned_minutes < 30 THEN 1 ELSE 0 END) AS under_30,
                          SUM(CASE WHEN status <> 'CANCELLED' AND planned_minutes < 15 THEN 1 ELSE 0 END) AS under_15
                        FROM performance_visit"""
                                + where + " GROUP BY provider_id")
                .params(params)
                .query(rs -> {
                    counts.put(
                            rs.getString("provider_id"),
                            new VisitCounts(
                                    rs.getInt("scheduled"),
                                    rs.getInt("delivered"),
                                    rs.getInt("missed"),
                                    rs.getInt("missed_alerts"),
                                    rs.getInt("late"),
                                    rs.getInt("short_visits"),
                                    rs.getInt("cancelled"),
                                    rs.getInt("cancelled_by_provider"),
                                    rs.getInt("short_notice"),
                                    rs.getLong("planned_minutes"),
                                    rs.getLong("delivered_minutes"),
                                    rs.getInt("under_30"),
                                    rs.getInt("under_15")));
                });
        return counts;
    }

    /** Continuity from delivered visits: per client, how many workers, and how many visits by the main one. */
    public Map<String, Continuity> continuity(DatePeriod period, String providerId) {
        var params = new ArrayList<Object>();
        String where = plannedIn(period, providerId, params);
        record ClientWorker(String providerId, String clientRef, long visits) {}
        List<ClientWorker> rows = jdbc.sql("SELECT provider_id, client_ref, worker_id, COUNT(*) AS visits"
                        + " FROM performance_visit" + where + " AND status = 'DELIVERED'"
                        + " GROUP BY provider_id, client_ref, worker_id")
                .params(params)
                .query((rs, n) ->
                        new ClientWorker(rs.getString("provider_id"), rs.getString("client_ref"), rs.getLong("visits")))
                .list();
        var clients = new HashMap<String, Map<String, long[]>>();
        for (ClientWorker row : rows) {
            long[] client = clients.computeIfAbsent(row.providerId(), p -> new HashMap<>())
                    .computeIfAbsent(row.clientRef(), c -> new long[3]);
            client[0]++; // distinct workers
            client[1] += row.visits(); // visits
            client[2] = Math.max(client[2], row.visits()); // the main worker's visits
        }
        var continuity = new HashMap<String, Continuity>();
        clients.forEach((provider, byClient) -> {
            int workers = 0;
            long visits = 0;
            long main = 0;
            for (long[] client : byClient.values()) {
                workers += (int) client[0];
                visits += client[1];
                main += client[2];
            }
            continuity.put(provider, new Continuity(byClient.size(), workers, visits, main));
        });
        return continuity;
    }

    /** Workers with at least the threshold of missed or late visits in the period, most issues first. */
    public Map<String, List<WorkerIssues>> repeatedIssues(DatePeriod period, String providerId) {
        var params = new ArrayList<Object>();
        String where = plannedIn(period, providerId, params);
        params.add(settings.repeatedIssueThreshold());
        var issues = new HashMap<String, List<WorkerIssues>>();
        jdbc.sql(
                        """
                        SELECT provider_id, worker_id,
                          SUM(CASE WHEN status = 'MISSED' THEN 1 ELSE 0 END) AS missed,
                          SUM(CASE WHEN status = 'DELIVERED' AND late THEN 1 ELSE 0 END) AS late
                        FROM performance_visit"""
                                + where
                                + """
                         GROUP BY provider_id, worker_id
                        HAVING SUM(CASE WHEN status = 'MISSED' OR (status = 'DELIVERED' AND late) THEN 1 ELSE 0 END) >= ?
                        ORDER BY provider_id, SUM(CASE WHEN status = 'MISSED' OR (status = 'DELIVERED' AND late)
                          THEN 1 ELSE 0 END) DESC, worker_id""")
                .params(params)
                .query(rs -> {
                    issues.computeIfAbsent(rs.getString("provider_id"), p -> new ArrayList<>())
                            .add(new WorkerIssues(rs.getString("worker_id"), rs.getInt("missed"), rs.getInt("late")));
                });
        return issues;
    }

    /** Offers, acceptances, declines (by reason) and hand-backs that happened in the period. */
    public Map<String, PackageCounts> packages(DatePeriod period, String providerId) {
        var params = new ArrayList<Object>(List.of(Sql.ts(calendar.startOf(period)), Sql.ts(calendar.endOf(period))));
        var where = " WHERE occurred_at >= ? AND occurred_at < ?";
        if (providerId != null) {
            where += " AND provider_id = ?";
            params.add(providerId);
        }
        var counts = new HashMap<String, PackageCounts>();
        jdbc.sql("SELECT provider_id, kind, decline_reason, COUNT(*) AS events FROM performance_package_event" + where
                        + " GROUP BY provider_id, kind, decline_reason")
                .params(params)
                .query(rs -> {
                    var current = counts.getOrDefault(rs.getString("provider_id"), PackageCounts.none());
                    int n = rs.getInt("events");
                    var next =
                            switch (rs.getString("kind")) {
                                case "OFFERED" ->
                                    new PackageCounts(
                                            current.offered() + n,
                                            current.accepted(),
                                            current.declined(),
                                            current.handedBack());
                                case "ACCEPTED" ->
                                    new PackageCounts(
                                            current.offered(),
                                            current.accepted() + n,
                                            current.declined(),
                                            current.handedBack());
                                case "HANDED_BACK" ->
                                    new PackageCounts(
                                            current.offered(),
                                            current.accepted(),
                                            current.declined(),
                                            current.handedBack() + n);
                                default -> {
                                    var declined = new EnumMap<>(current.declined());
                                    declined.merge(
                                            DeclineReason.valueOf(rs.getString("decline_reason")), n, Integer::sum);
                                    yield new PackageCounts(
                                            current.offered(), current.accepted(), declined, current.handedBack());
                                }
                            };
                    counts.put(rs.getString("provider_id"), next);
                });
        return counts;
    }

    /**
     * Commissioned minutes: each package's weekly minutes pro rata for the days of the period the provider held it
     * (weekly × days ÷ 7, summed, then rounded to the nearest minute).
     */
    public Map<String, Long> commissionedMinutes(DatePeriod period, String providerId) {
        var params = new ArrayList<Object>(List.of(period.to(), period.from()));
        var where = " WHERE held_from <= ? AND (held_until IS NULL OR held_until > ?)";
        if (providerId != null) {
            where += " AND provider_id = ?";
            params.add(providerId);
        }
        LocalDate periodEnd = period.to().plusDays(1);
        var weeklyMinuteDays = new HashMap<String, Long>();
        jdbc.sql("SELECT provider_id, weekly_minutes, held_from, held_until FROM performance_holding" + where)
                .params(params)
                .query(rs -> {
                    LocalDate from = later(Sql.date(rs, "held_from"), period.from());
                    LocalDate until = Sql.date(rs, "held_until");
                    LocalDate to = until == null || until.isAfter(periodEnd) ? periodEnd : until;
                    long days = Math.max(0, to.toEpochDay() - from.toEpochDay());
                    weeklyMinuteDays.merge(rs.getString("provider_id"), rs.getInt("weekly_minutes") * days, Long::sum);
                });
        var minutes = new HashMap<String, Long>();
        weeklyMinuteDays.forEach((provider, weeklyDays) -> minutes.put(provider, Math.round(weeklyDays / 7.0)));
        return minutes;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** Visits planned in the period (local days, both ends included), of one provider or all. */
    /**
     * ECM compliance of a provider's visits planned in a period: of the delivered visits, those recorded
     * electronically at both ends and not changed by an approved amendment; and every amendment by reason code.
     */
    public record EcmCompliance(int delivered, int verified, Map<AmendmentReason, Integer> amendments) {

        static EcmCompliance none() {
            return new EcmCompliance(0, 0, noAmendments());
        }

        private static Map<AmendmentReason, Integer> noAmendments() {
            var counts = new EnumMap<AmendmentReason, Integer>(AmendmentReason.class);
            for (AmendmentReason reason : AmendmentReason.values()) {
                counts.put(reason, 0);
            }
            return counts;
        }
    }

    public Map<String, EcmCompliance> ecmCompliance(DatePeriod period, String providerId) {
        var params = new ArrayList<Object>();
        String where = plannedIn(period, providerId, params);
        var verified = new HashMap<String, int[]>();
        jdbc.sql(
                        """
                        SELECT provider_id, COUNT(*) AS delivered,
                          SUM(CASE WHEN check_in_electronic AND check_out_electronic AND NOT amended THEN 1 ELSE 0 END)
                            AS verified
                        FROM performance_visit"""
                                + where + " AND status = 'DELIVERED' GROUP BY provider_id")
                .params(params)
                .query(rs -> {
                    verified.put(
                            rs.getString("provider_id"), new int[] {rs.getInt("delivered"), rs.getInt("verified")});
                });
        var byReason = new HashMap<String, Map<AmendmentReason, Integer>>();
        var amendmentParams = new ArrayList<Object>();
        jdbc.sql("SELECT provider_id, reason_code, COUNT(*) AS amendments FROM performance_amendment"
                        + plannedIn(period, providerId, amendmentParams) + " GROUP BY provider_id, reason_code")
                .params(amendmentParams)
                .query(rs -> {
                    byReason.computeIfAbsent(rs.getString("provider_id"), id -> EcmCompliance.noAmendments())
                            .put(AmendmentReason.valueOf(rs.getString("reason_code")), rs.getInt("amendments"));
                });
        var compliance = new HashMap<String, EcmCompliance>();
        var providers = new java.util.HashSet<>(verified.keySet());
        providers.addAll(byReason.keySet());
        for (String id : providers) {
            int[] counts = verified.getOrDefault(id, new int[2]);
            compliance.put(
                    id,
                    new EcmCompliance(counts[0], counts[1], byReason.getOrDefault(id, EcmCompliance.noAmendments())));
        }
        return compliance;
    }

    private String plannedIn(DatePeriod period, String providerId, List<Object> params) {
        params.add(Sql.ts(calendar.startOf(period)));
        params.add(Sql.ts(calendar.endOf(period)));
        if (providerId == null) {
            return " WHERE planned_start >= ? AND planned_start < ?";
        }
        params.add(providerId);
        return " WHERE planned_start >= ? AND planned_start < ? AND provider_id = ?";
    }

    /** Time bank minutes banked from, drawn from and expired from each provider's deposits in the period. */
    public record TimeBankMinutes(long banked, long drawn, long expired) {
        static final TimeBankMinutes NONE = new TimeBankMinutes(0, 0, 0);
    }

    public Map<String, TimeBankMinutes> timeBank(DatePeriod period, String providerId) {
        var params = new ArrayList<Object>(List.of(Sql.ts(calendar.startOf(period)), Sql.ts(calendar.endOf(period))));
        var where = " WHERE occurred_at >= ? AND occurred_at < ?";
        if (providerId != null) {
            where += " AND provider_id = ?";
            params.add(providerId);
        }
        var minutes = new HashMap<String, TimeBankMinutes>();
        jdbc.sql("SELECT provider_id, kind, SUM(minutes) AS minutes FROM performance_time_bank_move" + where
                        + " GROUP BY provider_id, kind")
                .params(params)
                .query(rs -> {
                    var current = minutes.getOrDefault(rs.getString("provider_id"), TimeBankMinutes.NONE);
                    long n = rs.getLong("minutes");
                    minutes.put(
                            rs.getString("provider_id"),
                            switch (rs.getString("kind")) {
                                case "BANKED" ->
                                    new TimeBankMinutes(current.banked() + n, current.drawn(), current.expired());
                                case "DRAWN" ->
                                    new TimeBankMinutes(current.banked(), current.drawn() + n, current.expired());
                                default ->
                                    new TimeBankMinutes(current.banked(), current.drawn(), current.expired() + n);
                            });
                });
        return minutes;
    }
    /**
     * The provider's workforce over the period: headcount at its start and end (registered before, not left by then)
     * and the leavers within it. Turnover is leavers over the average of the two headcounts, the usual HR measure; ask
     * for a year (from=2026-01-01&to=2026-12-31) for the yearly turnover.
     */
    public record Workforce(int workersAtStart, int workersAtEnd, int leavers, BigDecimal turnoverPercent) {
        static final Workforce NONE = new Workforce(0, 0, 0, null);
    }

    public Map<String, Workforce> workforce(DatePeriod period, String providerId) {
        var answer = new HashMap<String, Workforce>();
        var params = new ArrayList<Object>(List.of(
                Sql.ts(calendar.startOf(period)),
                period.from(),
                Sql.ts(calendar.endOf(period)),
                period.to(),
                period.from(),
                period.to()));
        String where = providerId == null ? "" : " WHERE provider_id = ?";
        if (providerId != null) {
            params.add(providerId);
        }
        jdbc.sql(
                        """
                        SELECT provider_id,
                          SUM(CASE WHEN registered_at < ? AND (left_on IS NULL OR left_on > ?) THEN 1 ELSE 0 END) AS at_start,
                          SUM(CASE WHEN registered_at < ? AND (left_on IS NULL OR left_on > ?) THEN 1 ELSE 0 END) AS at_end,
                          SUM(CASE WHEN left_on BETWEEN ? AND ? THEN 1 ELSE 0 END) AS leavers
                        FROM performance_worker"""
                                + where
                                + " GROUP BY provider_id")
                .params(params)
                .query(rs -> {
                    int start = rs.getInt("at_start");
                    int end = rs.getInt("at_end");
                    int leavers = rs.getInt("leavers");
                    answer.put(
                            rs.getString("provider_id"),
                            new Workforce(start, end, leavers, Rates.percent(2L * leavers, (long) start + end)));
                });
        return answer;
    }

    /** An action plan as the provider's views show it: OPEN, COMPLETED or OVERDUE (due date passed, not completed). */
    public record ActionPlan(
            String planId,
            String reason,
            LocalDate openedOn,
            LocalDate dueBy,
            String status,
            LocalDate completedOn,
            Boolean completedLate) {}

    public Map<String, List<ActionPlan>> actionPlans(String providerId, LocalDate today) {
        var answer = new HashMap<String, List<ActionPlan>>();
        jdbc.sql(
                        """
                        SELECT provider_id, plan_id, reason, opened_on, due_by, completed_on, completed_late
                        FROM performance_action_plan
                        WHERE (CAST(:provider AS VARCHAR(64)) IS NULL OR provider_id = :provider)
                        ORDER BY provider_id, opened_on, plan_id""")
                .param("provider", providerId)
                .query(rs -> {
                    var completed = rs.getDate("completed_on");
                    LocalDate due = rs.getDate("due_by").toLocalDate();
                    String status = completed != null ? "COMPLETED" : today.isAfter(due) ? "OVERDUE" : "OPEN";
                    answer.computeIfAbsent(rs.getString("provider_id"), p -> new ArrayList<>())
                            .add(new ActionPlan(
                                    rs.getString("plan_id"),
                                    rs.getString("reason"),
                                    rs.getDate("opened_on").toLocalDate(),
                                    due,
                                    status,
                                    completed == null ? null : completed.toLocalDate(),
                                    completed == null ? null : rs.getBoolean("completed_late")));
                });
        return answer;
    }
}
