package org.carebank.query.pay;

import java.time.LocalDate;
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

        // Per worker and day, so that each day's minutes are paid at the pay in force that day.
        var contact = new HashMap<String, Map<LocalDate, long[]>>();
        jdbc.sql(
                        """
                        SELECT worker_id, work_date, COUNT(*) AS visits, SUM(delivered_minutes) AS contact
                        FROM travel_visit
                        WHERE provider_id = ? AND status = 'DELIVERED' AND work_date BETWEEN ? AND ?
                        GROUP BY worker_id, work_date""")
                .params(providerId, days.from(), days.to())
                .query(rs -> {
                    contact.computeIfAbsent(rs.getString("worker_id"), w -> new HashMap<>())
                            .put(
                                    rs.getDate("work_date").toLocalDate(),
                                    new long[] {rs.getLong("visits"), rs.getLong("contact")});
                });
        // The travel projection splits each gap between two delivered visits into travel and waiting (one rule, in
        // WorkerDayLegs); both are working time here. Per worker and day: {whole gaps, travel part}.
        var gaps = new HashMap<String, Map<LocalDate, long[]>>();
        jdbc.sql(
                        """
                        SELECT worker_id, work_date, COALESCE(SUM(travel_minutes), 0) AS travel,
                          COALESCE(SUM(waiting_minutes), 0) AS waiting
                        FROM travel_leg
                        WHERE provider_id = ? AND delivered = TRUE AND work_date BETWEEN ? AND ?
                        GROUP BY worker_id, work_date""")
                .params(providerId, days.from(), days.to())
                .query(rs -> {
                    gaps.computeIfAbsent(rs.getString("worker_id"), w -> new HashMap<>())
                            .put(
                                    rs.getDate("work_date").toLocalDate(),
                                    new long[] {rs.getLong("travel") + rs.getLong("waiting"), rs.getLong("travel")});
                });
        var payChanges = new HashMap<String, Map<LocalDate, Integer>>();
        jdbc.sql(
                        """
                        SELECT p.worker_id, p.effective_from, p.hourly_pay_pence
                        FROM travel_worker_pay p JOIN travel_worker w ON w.worker_id = p.worker_id
                        WHERE w.provider_id = ? AND p.effective_from <= ?""")
                .params(providerId, days.to())
                .query(rs -> {
                    payChanges
                            .computeIfAbsent(rs.getString("worker_id"), w -> new HashMap<>())
                            .put(rs.getDate("effective_from").toLocalDate(), rs.getInt("hourly_pay_pence"));
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

        boolean travelPaid = settings.travelPaidSeparately();
        List<WorkerPay> lines = workers.stream()
                .filter(worker -> contact.containsKey(worker.workerId()))
                .map(worker -> {
                    var pay = new PayInForce(
                            worker.hourlyPayPence(), payChanges.getOrDefault(worker.workerId(), Map.of()));
                    var workerGaps = gaps.getOrDefault(worker.workerId(), Map.of());
                    long visits = 0, contactMinutes = 0, travel = 0, gapMinutes = 0, paidMinutePence = 0;
                    for (var day : contact.get(worker.workerId()).entrySet()) {
                        long[] between = workerGaps.getOrDefault(day.getKey(), new long[2]);
                        visits += day.getValue()[0];
                        contactMinutes += day.getValue()[1];
                        travel += between[1];
                        gapMinutes += between[0];
                        long paid = day.getValue()[1] + (travelPaid ? between[1] : 0);
                        paidMinutePence += paid * pay.on(day.getKey());
                    }
                    return WorkerPay.of(
                            worker.workerId(),
                            worker.contractType(),
                            pay.on(days.to()),
                            (int) visits,
                            contactMinutes,
                            travel,
                            gapMinutes - travel,
                            travelPaid,
                            wage,
                            paidMinutePence);
                })
                .toList();
        int below = (int) lines.stream()
                .filter(line -> Boolean.TRUE.equals(line.belowNationalLivingWage()))
                .count();
        return new PayCompliance(providerId, month.toString(), wage, settings.travelPaidSeparately(), below, lines);
    }
}
