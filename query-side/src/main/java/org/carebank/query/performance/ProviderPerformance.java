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
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.query.alert.AlertResponseTimes;
import org.carebank.query.payment.CareCost;
import org.carebank.query.performance.PerformanceQueries.EcmCompliance;
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
        BigDecimal ecmComplianceRate,
        Map<AmendmentReason, Integer> amendments,
        AlertResponseTimes alerts,
        PerformanceQueries.Workforce workforce,
        List<PerformanceQueries.ActionPlan> actionPlans,
        CareCost cost)
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
            EcmCompliance ecm,
            AlertResponseTimes alerts,
            PerformanceQueries.Workforce workforce,
            List<PerformanceQueries.ActionPlan> actionPlans,
            CareCost cost) {
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
                Rates.percent(ecm.verified(), ecm.delivered()),
                ecm.amendments(),
                alerts,
                workforce,
                List.copyOf(actionPlans),
                cost);
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
                "ecmComplianceRate"));
        for (AmendmentReason reason : AmendmentReason.values()) {
            columns.add("amendments" + reason.name());
        }
        columns.addAll(List.of(
                "alertsRaised",
                "alertsEscalated",
                "alertsAcknowledged",
                "alertAcknowledgeP50Minutes",
                "alertAcknowledgeP90Minutes",
                "alertsResolved",
                "alertResolveP50Minutes",
                "alertResolveP90Minutes"));
        columns.addAll(List.of(
                "workersAtStart",
                "workersAtEnd",
                "leavers",
                "turnoverPercent",
                "actionPlansOpen",
                "actionPlansOverdue",
                "costBilledPence",
                "costContactMinutes",
                "costPerContactHourPence",
                "commissionedRatePence"));
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
        row.add(ecmComplianceRate);
        for (AmendmentReason reason : AmendmentReason.values()) {
            row.add(amendments.getOrDefault(reason, 0));
        }
        row.addAll(Arrays.asList(
                alerts.alertsRaised(),
                alerts.alertsEscalated(),
                alerts.acknowledged(),
                alerts.acknowledgeP50Minutes(),
                alerts.acknowledgeP90Minutes(),
                alerts.resolved(),
                alerts.resolveP50Minutes(),
                alerts.resolveP90Minutes()));
        row.add(workforce.workersAtStart());
        row.add(workforce.workersAtEnd());
        row.add(workforce.leavers());
        row.add(workforce.turnoverPercent());
        row.add(actionPlans.stream().filter(p -> p.status().equals("OPEN")).count());
        row.add(actionPlans.stream().filter(p -> p.status().equals("OVERDUE")).count());
        row.add(cost.billedPence());
        row.add(cost.contactMinutes());
        row.add(cost.costPerContactHourPence());
        row.add(cost.commissionedRatePence());
        return row;
    }

    @Override
    public CsvTable toCsv() {
        return new CsvTable(CSV_COLUMNS, List.of(csvRow()));
    }
}
