package org.carebank.query.pay;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.provider.ContractType;
import org.carebank.query.period.DatePeriod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pay compliance from the travel projection's tables (delivered visits, delivered legs, workers' hourly pay): the pay
 * view has no tables of its own, so rebuilding the travel projection rebuilds it.
 */
@Component
class PayQueries {

    private final JdbcClient jdbc;
    private final PaySettings settings;

    PayQueries(JdbcClient jdbc, PaySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    boolean providerExists(String providerId) {
        return jdbc.sql("SELECT COUNT(*) FROM travel_provider WHERE provider_id = ?")
                        .param(providerId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Every worker of the provider with a delivered visit in the month (local day of check-in). */
    PayCompliance month(String providerId, YearMonth month) {
        DatePeriod days = DatePeriod.month(month);
        Integer wage = settings.nationalLivingWageOn(days.from())
                .map(PaySettings.WageRate::hourlyPence)
                .orElse(null);

        var contact = new HashMap<String, long[]>();
        jdbc.sql(
                        """
                        SELECT worker_id, COUNT(*) AS visits, SUM(delivered_minutes) AS contact FROM travel_visit
                        WHERE provider_id = ? AND status = 'DELIVERED' AND work_date BETWEEN ? AND ?
                        GROUP BY worker_id""")
                .params(providerId, days.from(), days.to())
                .query(rs -> {
                    contact.put(rs.getString("worker_id"), new long[] {rs.getLong("visits"), rs.getLong("contact")});
                });
        // The travel projection splits each gap between two delivered visits into travel and waiting (one rule, in
        // WorkerDayLegs); both are working time here.
        Map<String, long[]> gaps = new HashMap<>();
        jdbc.sql(
                        """
                        SELECT worker_id, COALESCE(SUM(travel_minutes), 0) AS travel,
                          COALESCE(SUM(waiting_minutes), 0) AS waiting
                        FROM travel_leg
                        WHERE provider_id = ? AND delivered = TRUE AND work_date BETWEEN ? AND ?
                        GROUP BY worker_id""")
                .params(providerId, days.from(), days.to())
                .query(rs -> {
                    gaps.put(rs.getString("worker_id"), new long[] {rs.getLong("travel"), rs.getLong("waiting")});
                });
        record Worker(String workerId, ContractType contractType, int hourlyPayPence) {}
        List<Worker> workers = jdbc.sql(
                        """
                        SELECT worker_id, contract_type, hourly_pay_pence FROM travel_worker
                        WHERE provider_id = ? ORDER BY worker_id""")
                .param(providerId)
                .query((rs, n) -> new Worker(
                        rs.getString("worker_id"),
                        ContractType.valueOf(rs.getString("contract_type")),
                        rs.getInt("hourly_pay_pence")))
                .list();

        List<WorkerPay> lines = workers.stream()
                .filter(worker -> contact.containsKey(worker.workerId()))
                .map(worker -> {
                    long[] visits = contact.get(worker.workerId());
                    long[] between = gaps.getOrDefault(worker.workerId(), new long[2]);
                    return WorkerPay.of(
                            worker.workerId(),
                            worker.contractType(),
                            worker.hourlyPayPence(),
                            (int) visits[0],
                            visits[1],
                            between[0],
                            between[1],
                            settings.travelPaidSeparately(),
                            wage);
                })
                .toList();
        int below = (int) lines.stream()
                .filter(line -> Boolean.TRUE.equals(line.belowNationalLivingWage()))
                .count();
        return new PayCompliance(providerId, month.toString(), wage, settings.travelPaidSeparately(), below, lines);
    }
}
