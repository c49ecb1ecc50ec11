package org.carebank.query.performance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.query.performance.PerformanceQueries.PackageCounts;
import org.carebank.query.performance.PerformanceQueries.ProviderStanding;
import org.carebank.query.performance.PerformanceQueries.TimeBankMinutes;
import org.carebank.query.performance.PerformanceQueries.WorkerIssues;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;
import org.carebank.query.web.Rates;

/**
 * The provider performance view of one provider over a period (docs/dashboards.md defines each figure; ADR 0006).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProviderPerformance(
        String providerId,
        String name,
        LocalDate from,
        LocalDate to,
        ListStatus listStatus,
        CqcRating cqcOverall,
        CqcRating cqcWellLed,
        LocalDate cqcInspectedOn,
        int visitsScheduled,
        int visitsDelivered,
        int visitsMissed,
        int missedAlerts,
        int visitsLate,
        int visitsShort,
        int visitsCancelled,
        int cancelledByProvider,
        int cancelledByProviderAtShortNotice,
        BigDecimal onTimeRatePercent,
        long plannedMinutes,
        long deliveredMinutes,
        long commissionedMinutes,
        int visitsPlannedUnder30Minutes,
        ContinuityView continuity,
        Packages packages,
        List<WorkerIssues> workersWithRepeatedIssues,
        TimeBankMinutes timeBank,
        PerformanceQueries.Workforce workforce,
        List<PerformanceQueries.ActionPlan> actionPlans)
        implements CsvExportable {

    record ContinuityView(int clients, BigDecimal averageWorkersPerClient, BigDecimal mainWorkerSharePercent) {}

    record Packages(
            int offered, int accepted, int declined, Map<DeclineReason, Integer> declinedByReason, int handedBack) {}

    static ProviderPerformance of(
            ProviderStanding standing,
            LocalDate from,
            LocalDate to,
            VisitCounts visits,
            long commissionedMinutes,
            Continuity continuity,
            PackageCounts packages,
            List<WorkerIssues> repeatedIssues,
            TimeBankMinutes timeBank,
            PerformanceQueries.Workforce workforce,
            List<PerformanceQueries.ActionPlan> actionPlans) {
        return new ProviderPerformance(
                standing.providerId(),
                standing.name(),
                from,
                to,
                standing.listStatus(),
                standing.cqcOverall(),
                standing.cqcWellLed(),
                standing.cqcInspectedOn(),
                visits.scheduled(),
                visits.delivered(),
                visits.missed(),
                visits.missedAlerts(),
                visits.late(),
                visits.shortVisits(),
                visits.cancelled(),
                visits.cancelledByProvider(),
                visits.cancelledByProviderAtShortNotice(),
                Rates.percent(visits.deliveredOnTime(), visits.due()),
                visits.plannedMinutes(),
                visits.deliveredMinutes(),
                commissionedMinutes,
                visits.plannedUnder30(),
                new ContinuityView(
                        continuity.clients(),
                        continuity.averageWorkersPerClient(),
                        continuity.mainWorkerSharePercent()),
                new Packages(
                        packages.offered(),
                        packages.accepted(),
                        packages.declinedTotal(),
                        packages.declined(),
                        packages.handedBack()),
                List.copyOf(repeatedIssues),
                timeBank,
                workforce,
                List.copyOf(actionPlans));
    }

    static final List<String> CSV_COLUMNS;

    static {
        var columns = new ArrayList<>(List.of(
                "providerId",
                "name",
                "from",
                "to",
                "listStatus",
                "cqcOverall",
                "cqcWellLed",
                "cqcInspectedOn",
                "visitsScheduled",
                "visitsDelivered",
                "visitsMissed",
                "missedAlerts",
                "visitsLate",
                "visitsShort",
                "visitsCancelled",
                "cancelledByProvider",
                "cancelledByProviderAtShortNotice",
                "onTimeRatePercent",
                "plannedMinutes",
                "deliveredMinutes",
                "commissionedMinutes",
                "visitsPlannedUnder30Minutes",
                "continuityClients",
                "continuityAverageWorkersPerClient",
                "continuityMainWorkerSharePercent",
                "packagesOffered",
                "packagesAccepted",
                "packagesDeclined"));
        for (DeclineReason reason : DeclineReason.values()) {
            columns.add("packagesDeclined" + reason.name());
        }
        columns.addAll(List.of(
                "packagesHandedBack",
                "workersWithRepeatedIssues",
                "timeBankBankedMinutes",
                "timeBankDrawnMinutes",
                "timeBankExpiredMinutes",
                "workersAtStart",
                "workersAtEnd",
                "leavers",
                "turnoverPercent",
                "actionPlansOpen",
                "actionPlansOverdue"));
        CSV_COLUMNS = List.copyOf(columns);
    }

    List<Object> csvRow() {
        var row = new ArrayList<>(Arrays.<Object>asList(
                providerId,
                name,
                from,
                to,
                listStatus,
                cqcOverall,
                cqcWellLed,
                cqcInspectedOn,
                visitsScheduled,
                visitsDelivered,
                visitsMissed,
                missedAlerts,
                visitsLate,
                visitsShort,
                visitsCancelled,
                cancelledByProvider,
                cancelledByProviderAtShortNotice,
                onTimeRatePercent,
                plannedMinutes,
                deliveredMinutes,
                commissionedMinutes,
                visitsPlannedUnder30Minutes,
                continuity.clients(),
                continuity.averageWorkersPerClient(),
                continuity.mainWorkerSharePercent(),
                packages.offered(),
                packages.accepted(),
                packages.declined()));
        for (DeclineReason reason : DeclineReason.values()) {
            row.add(packages.declinedByReason().getOrDefault(reason, 0));
        }
        row.add(packages.handedBack());
        // The workers, each as id:missed:late, in one field: a spreadsheet keeps one row per provider.
        row.add(workersWithRepeatedIssues.stream()
                .map(w -> w.workerId() + ":" + w.missed() + ":" + w.late())
                .collect(Collectors.joining(" ")));
        row.add(timeBank.banked());
        row.add(timeBank.drawn());
        row.add(timeBank.expired());
        row.add(workforce.workersAtStart());
        row.add(workforce.workersAtEnd());
        row.add(workforce.leavers());
        row.add(workforce.turnoverPercent());
        row.add(actionPlans.stream().filter(p -> p.status().equals("OPEN")).count());
        row.add(actionPlans.stream().filter(p -> p.status().equals("OVERDUE")).count());
        return row;
    }

    @Override
    public CsvTable toCsv() {
        return new CsvTable(CSV_COLUMNS, List.of(csvRow()));
    }
}
