package org.carebank.query.performance;

import java.math.BigDecimal;
import org.carebank.query.web.Rates;

/**
 * How many different workers a provider's clients saw, from delivered visits.
 *
 * @param clients clients with at least one delivered visit
 * @param clientWorkers the number of distinct workers each client saw, summed over clients
 * @param visits delivered visits
 * @param mainWorkerVisits for each client, the visits of the worker who did most of them, summed over clients
 */
public record Continuity(int clients, int clientWorkers, long visits, long mainWorkerVisits) {

    public static final Continuity NONE = new Continuity(0, 0, 0, 0);

    /** Distinct workers per client, averaged over clients. */
    public BigDecimal averageWorkersPerClient() {
        return Rates.average(clientWorkers, clients);
    }

    /** Share of all delivered visits done by each client's main worker. */
    public BigDecimal mainWorkerSharePercent() {
        return Rates.percent(mainWorkerVisits, visits);
    }
}
