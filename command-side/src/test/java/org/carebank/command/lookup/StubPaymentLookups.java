package org.carebank.command.lookup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.PaymentFacts;
import org.carebank.kernel.payment.ProviderBillingRule;

/** In-memory stand-in for the payment lookups, answering as {@link PaymentLookups} does from SQL. */
public class StubPaymentLookups extends PaymentLookups {

    private final List<ActivePackage> packages = new ArrayList<>();
    private final Map<String, List<PackageRate>> rates = new HashMap<>();
    private final Map<String, List<ProviderBillingRule>> rules = new HashMap<>();
    private final Map<String, PaymentFacts> visits = new LinkedHashMap<>();

    public StubPaymentLookups() {
        super(null);
    }

    public StubPaymentLookups activePackage(String packageId, String zone, String providerId, PackageRate... rated) {
        packages.add(new ActivePackage(packageId, zone, providerId));
        for (PackageRate rate : rated) {
            rate(packageId, rate);
        }
        return this;
    }

    public StubPaymentLookups rate(String packageId, PackageRate rate) {
        rates.computeIfAbsent(packageId, id -> new ArrayList<>()).add(rate);
        return this;
    }

    public StubPaymentLookups rule(String providerId, ProviderBillingRule rule) {
        rules.computeIfAbsent(providerId, id -> new ArrayList<>()).add(rule);
        return this;
    }

    /** Adds or replaces a visit's payment facts. */
    public StubPaymentLookups visit(PaymentFacts facts) {
        visits.put(facts.visitId(), facts);
        return this;
    }

    @Override
    public List<ActivePackage> activePackages(String zone, String providerId) {
        return packages.stream()
                .filter(p -> zone == null || zone.equals(p.zone()))
                .filter(p -> providerId == null || providerId.equals(p.providerId()))
                .toList();
    }

    @Override
    public Map<String, List<PackageRate>> packageRates(List<String> packageIds) {
        var found = new HashMap<String, List<PackageRate>>();
        packageIds.forEach(id -> found.put(id, rates.getOrDefault(id, List.of())));
        return found;
    }

    @Override
    public List<ProviderBillingRule> billingRules(String providerId) {
        return rules.getOrDefault(providerId, List.of());
    }

    @Override
    public List<PaymentFacts> deliveredVisits(String providerId, LocalDate upTo) {
        return visits.values().stream()
                .filter(v ->
                        v.providerId().equals(providerId) && !v.plannedDate().isAfter(upTo))
                .toList();
    }
}
