package org.carebank.kernel.payment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one computation of a statement's lines, used by the statement aggregate (issuing) and the query side (preview):
 * each delivered, unheld visit planned on or before the period's end becomes a line at the rate and rule in force on
 * its planned date; a visit already paid comes again only as an adjustment, when its figures have changed since.
 */
public final class StatementDraft {

    private StatementDraft() {}

    /** The terms that price visits: each package's rates (as recorded) and the provider's rules, with the default. */
    public record Terms(
            Function<String, List<PackageRate>> ratesOfPackage,
            List<ProviderBillingRule> providerRules,
            BillingTerms defaultTerms) {}

    /** A visit's full line, as if it had never been paid. */
    public static StatementLine price(String statementId, PaymentFacts visit, Terms terms) {
        PackageRate rate = EffectiveDates.inForceOn(
                        terms.ratesOfPackage().apply(visit.packageId()),
                        PackageRate::effectiveFrom,
                        visit.plannedDate())
                .orElseThrow(() -> new IllegalStateException("Package " + visit.packageId() + " has no rate"));
        var rule = EffectiveDates.inForceOn(
                        terms.providerRules(), ProviderBillingRule::effectiveFrom, visit.plannedDate())
                .filter(r -> !r.effectiveFrom().isAfter(visit.plannedDate()));
        BillingTerms billingTerms = rule.map(ProviderBillingRule::terms).orElse(terms.defaultTerms());
        var billing = billingTerms.bill(visit.deliveredMinutes(), rate.hourlyRatePence());
        return new StatementLine(
                visit.visitId(),
                visit.clientRef(),
                visit.packageId(),
                visit.plannedDate(),
                visit.deliveredMinutes(),
                billing.billableMinutes(),
                rate.hourlyRatePence(),
                billing.billablePence(),
                billingTerms.rule(),
                billingTerms.unitMinutes(),
                billingTerms.toleranceMinutes(),
                billingTerms.minimumMinutes(),
                rate.rateId(),
                rule.map(ProviderBillingRule::effectiveFrom).orElse(null),
                visit.drawnFromBankMinutes(),
                null);
    }

    /**
     * The lines for {@code visits} (any order; held ones and those after {@code periodTo} are left off), given what
     * was paid per visit before; in date then visit order.
     */
    public static List<StatementLine> lines(
            String statementId,
            LocalDate periodTo,
            List<PaymentFacts> visits,
            Terms terms,
            Map<String, PaidVisit> paid) {
        var lines = new ArrayList<StatementLine>();
        for (PaymentFacts visit : visits) {
            if (visit.hold().isPresent() || visit.plannedDate().isAfter(periodTo)) {
                continue;
            }
            StatementLine full = price(statementId, visit, terms);
            PaidVisit before = paid.get(visit.visitId());
            if (before == null) {
                if (full.deliveredMinutes() > 0) { // a visit amended to "not delivered" and never paid: no line
                    lines.add(full);
                }
            } else if (before.amountPence() != full.amountPence()
                    || before.billableMinutes() != full.billableMinutes()) {
                lines.add(new StatementLine(
                        full.visitId(),
                        full.clientRef(),
                        full.packageId(),
                        full.date(),
                        full.deliveredMinutes() - before.deliveredMinutes(),
                        full.billableMinutes() - before.billableMinutes(),
                        full.hourlyRatePence(),
                        full.amountPence() - before.amountPence(),
                        full.rule(),
                        full.unitMinutes(),
                        full.toleranceMinutes(),
                        full.minimumMinutes(),
                        full.rateId(),
                        full.ruleEffectiveFrom(),
                        full.drawnFromBankMinutes(),
                        before.lastLineRef()));
            }
        }
        lines.sort(Comparator.comparing(StatementLine::date).thenComparing(StatementLine::visitId));
        return List.copyOf(lines);
    }

    /** What a visit's paid figures are once {@code line} of {@code statementId} is added to {@code before}. */
    public static PaidVisit paidAfter(PaidVisit before, String statementId, StatementLine line) {
        String ref = StatementLine.lineRef(statementId, line.visitId());
        if (before == null) {
            return new PaidVisit(ref, line.deliveredMinutes(), line.billableMinutes(), line.amountPence());
        }
        return new PaidVisit(
                ref,
                before.deliveredMinutes() + line.deliveredMinutes(),
                before.billableMinutes() + line.billableMinutes(),
                before.amountPence() + line.amountPence());
    }

    /** The statement event for its lines, with totals that are the sums of the lines. */
    public static StatementIssued issued(IssueStatement command, List<StatementLine> lines) {
        return new StatementIssued(
                command.statementId(),
                command.providerId(),
                command.periodFrom(),
                command.periodTo(),
                command.issuedAt(),
                (int) lines.stream().map(StatementLine::visitId).distinct().count(),
                lines.stream().mapToLong(StatementLine::billableMinutes).sum(),
                lines.stream().mapToLong(StatementLine::amountPence).sum(),
                lines);
    }
}
