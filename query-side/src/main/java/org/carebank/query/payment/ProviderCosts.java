package org.carebank.query.payment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebank.query.period.DatePeriod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The cost of each provider's delivered care in a period, for the performance view (issue 18). */
@Component
public class ProviderCosts {

    private final PaymentQueries queries;
    private final JdbcClient jdbc;

    ProviderCosts(PaymentQueries queries, JdbcClient jdbc) {
        this.queries = queries;
        this.jdbc = jdbc;
    }

    /** Priced under the default rule ACTUAL where a provider has none: for tests that build views by hand. */
    public static ProviderCosts underActualBilling(JdbcClient jdbc) {
        return new ProviderCosts(
                new PaymentQueries(
                        jdbc, new DefaultBillingRule(org.carebank.kernel.visit.BillingRule.ACTUAL, 15, 7, 0)),
                jdbc);
    }

    /** One provider's cost, or every provider's with visits in the period when {@code providerId} is null. */
    public Map<String, CareCost> byProvider(DatePeriod period, String providerId) {
        List<String> providers = providerId != null
                ? List.of(providerId)
                : jdbc.sql(
                                """
                                SELECT DISTINCT provider_id FROM payment_visit_view
                                WHERE delivered AND NOT cancelled AND planned_date BETWEEN ? AND ?""")
                        .params(period.from(), period.to())
                        .query(String.class)
                        .list();
        var costs = new HashMap<String, CareCost>();
        for (String id : providers) {
            costs.put(id, CareCost.of(queries.priced(id, period.from(), period.to())));
        }
        return costs;
    }
}
