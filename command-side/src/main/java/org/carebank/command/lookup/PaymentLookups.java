package org.carebank.command.lookup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.kernel.payment.BillingTerms;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.PaymentFacts;
import org.carebank.kernel.payment.ProviderBillingRule;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.visit.BillingRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the payment lookups that {@link PaymentLookupProjector} writes with the events: what a rate review and a
 * payment statement are computed from.
 */
@Component
public class PaymentLookups {

    private final JdbcClient jdbc;

    PaymentLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An active package a rate review may uplift. */
    public record ActivePackage(String packageId, String zone, String providerId) {}

    /** Active packages, of one zone and/or one provider when given. */
    public List<ActivePackage> activePackages(String zone, String providerId) {
        var sql = new StringBuilder("SELECT package_id, zone, provider_id FROM package_lookup WHERE status = ?");
        var params = new ArrayList<Object>(List.of(PackageStatus.ACTIVE.name()));
        if (zone != null) {
            sql.append(" AND zone = ?");
            params.add(zone);
        }
        if (providerId != null) {
            sql.append(" AND provider_id = ?");
            params.add(providerId);
        }
        return jdbc.sql(sql.append(" ORDER BY package_id").toString())
                .params(params)
                .query((rs, n) -> new ActivePackage(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Every package's rates in the order recorded (what the kernel's rate in force is chosen from). */
    public Map<String, List<PackageRate>> packageRates(List<String> packageIds) {
        var rates = new HashMap<String, List<PackageRate>>();
        if (packageIds.isEmpty()) {
            return rates;
        }
        jdbc.sql("SELECT package_id, rate_id, hourly_rate_pence, effective_from, reason FROM package_rate_lookup"
                        + " WHERE package_id IN (:ids) ORDER BY seq")
                .param("ids", packageIds)
                .query(rs -> {
                    rates.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new PackageRate(
                                    rs.getString(2), rs.getInt(3), rs.getObject(4, LocalDate.class), rs.getString(5)));
                });
        return rates;
    }

    public List<ProviderBillingRule> billingRules(String providerId) {
        return jdbc.sql(
                        """
                        SELECT rule, unit_minutes, tolerance_minutes, minimum_minutes, effective_from
                        FROM billing_rule_lookup WHERE provider_id = ? ORDER BY seq""")
                .param(providerId)
                .query((rs, n) -> new ProviderBillingRule(
                        new BillingTerms(
                                BillingRule.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                        rs.getObject(5, LocalDate.class)))
                .list();
    }

    /** The provider's delivered, uncancelled visits planned on or before {@code upTo}. */
    public List<PaymentFacts> deliveredVisits(String providerId, LocalDate upTo) {
        return jdbc.sql(
                        """
                        SELECT visit_id, provider_id, client_ref, package_id, planned_date, planned_minutes,
                          delivered_minutes, exceptions, accepted, drawn_minutes, amendment_pending
                        FROM payment_visit WHERE provider_id = ? AND planned_date <= ? AND delivered AND NOT cancelled
                        ORDER BY planned_date, visit_id""")
                .params(providerId, upTo)
                .query((rs, n) -> new PaymentFacts(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getInt(6),
                        rs.getInt(7),
                        exceptions(rs.getString(8)),
                        rs.getBoolean(9),
                        rs.getInt(10),
                        rs.getBoolean(11)))
                .list();
    }

    static List<VisitException> exceptions(String joined) {
        return joined == null || joined.isEmpty()
                ? List.of()
                : Arrays.stream(joined.split(",")).map(VisitException::valueOf).toList();
    }
}
