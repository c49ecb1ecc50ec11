package org.carebank.query.performance;

import java.time.LocalDate;
import java.util.List;
import org.carebank.kernel.UkDates;
import org.carebank.query.alert.AlertResponseTimes;
import org.carebank.query.alert.AlertResponses;
import org.carebank.query.payment.CareCost;
import org.carebank.query.payment.ProviderCosts;
import org.carebank.query.period.DatePeriod;
import org.springframework.stereotype.Component;

/** Assembles the provider performance view from the period aggregates. */
@Component
class ProviderPerformances {

    private final PerformanceQueries queries;
    private final AlertResponses alertResponses;
    private final ProviderCosts costs;

    ProviderPerformances(PerformanceQueries queries, AlertResponses alertResponses, ProviderCosts costs) {
        this.queries = queries;
        this.alertResponses = alertResponses;
        this.costs = costs;
    }

    /** One provider's view, or every provider's when {@code providerId} is null: twelve queries, and a pricing of the period's visits per provider. */
    List<ProviderPerformance> of(DatePeriod period, String providerId) {
        var standings = queries.standings(providerId);
        var visits = queries.visitCounts(period, providerId);
        var commissioned = queries.commissionedMinutes(period, providerId);
        var continuity = queries.continuity(period, providerId);
        var packages = queries.packages(period, providerId);
        var issues = queries.repeatedIssues(period, providerId);
        var timeBank = queries.timeBank(period, providerId);
        var ecm = queries.ecmCompliance(period, providerId);
        var alerts = alertResponses.byProvider(period, providerId);
        var workforce = queries.workforce(period, providerId);
        // Overdue is judged today (UK), whatever period is asked: a plan is overdue now or it is not.
        var cost = costs.byProvider(period, providerId);
        var plans = queries.actionPlans(providerId, LocalDate.now(UkDates.LONDON));
        return standings.stream()
                .map(standing -> {
                    String id = standing.providerId();
                    return ProviderPerformance.of(
                            standing,
                            period.from(),
                            period.to(),
                            visits.getOrDefault(id, VisitCounts.NONE),
                            commissioned.getOrDefault(id, 0L),
                            continuity.getOrDefault(id, Continuity.NONE),
                            packages.getOrDefault(id, PerformanceQueries.PackageCounts.none()),
                            issues.getOrDefault(id, List.of()),
                            timeBank.getOrDefault(id, PerformanceQueries.TimeBankMinutes.NONE),
                            ecm.getOrDefault(id, PerformanceQueries.EcmCompliance.none()),
                            alerts.getOrDefault(id, AlertResponseTimes.NONE),
                            workforce.getOrDefault(id, PerformanceQueries.Workforce.NONE),
                            plans.getOrDefault(id, List.of()),
                            cost.getOrDefault(id, CareCost.NONE));
                })
                .toList();
    }
}
