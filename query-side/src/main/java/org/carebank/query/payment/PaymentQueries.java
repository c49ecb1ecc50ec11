package org.carebank.query.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carebank.kernel.payment.BillingTerms;
import org.carebank.kernel.payment.EffectiveDates;
import org.carebank.kernel.payment.PackageRate;
import org.carebank.kernel.payment.PaidVisit;
import org.carebank.kernel.payment.PaymentFacts;
import org.carebank.kernel.payment.ProviderBillingRule;
import org.carebank.kernel.payment.StatementDraft;
import org.carebank.kernel.payment.StatementLine;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.query.payment.PaymentViews.Evidence;
import org.carebank.query.payment.PaymentViews.Held;
import org.carebank.query.payment.PaymentViews.LineExplanation;
import org.carebank.query.payment.PaymentViews.Payable;
import org.carebank.query.payment.PaymentViews.Preview;
import org.carebank.query.payment.PaymentViews.RateView;
import org.carebank.query.payment.PaymentViews.StatementSummary;
import org.carebank.query.payment.PaymentViews.StatementView;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the payment views; the preview prices visits with the kernel's {@link StatementDraft}, as issuing does. */
@Component
class PaymentQueries {

    private static final String LINE_COLUMNS =
            """
            statement_id, visit_id, client_ref, package_id, line_date, delivered_minutes, billable_minutes,
              hourly_rate_pence, amount_pence, rule, unit_minutes, tolerance_minutes, minimum_minutes, rate_id,
              rule_effective_from, drawn_from_bank_minutes, adjustment_of""";

    private final JdbcClient jdbc;
    private final DefaultBillingRule defaultRule;

    PaymentQueries(JdbcClient jdbc, DefaultBillingRule defaultRule) {
        this.jdbc = jdbc;
        this.defaultRule = defaultRule;
    }

    List<RateView> rates(String packageId) {
        return jdbc.sql("SELECT rate_id, hourly_rate_pence, effective_from, reason, recorded_by FROM payment_rate_view"
                        + " WHERE package_id = ? ORDER BY position")
                .param(packageId)
                .query((rs, n) -> new RateView(
                        rs.getString(1),
                        rs.getInt(2),
                        Sql.date(rs, "effective_from"),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    List<StatementSummary> statements(String providerId) {
        return jdbc.sql(
                        """
                        SELECT statement_id, provider_id, period_from, period_to, issued_at, visits, payable_minutes,
                          payable_pence FROM statement_view WHERE provider_id = ? ORDER BY period_from""")
                .param(providerId)
                .query((rs, n) -> new StatementSummary(
                        rs.getString(1),
                        rs.getString(2),
                        Sql.date(rs, "period_from"),
                        Sql.date(rs, "period_to"),
                        Sql.instant(rs, "issued_at"),
                        rs.getInt(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .list();
    }

    Optional<StatementView> statement(String providerId, String statementId) {
        return statements(providerId).stream()
                .filter(s -> s.statementId().equals(statementId))
                .findFirst()
                .map(s -> new StatementView(
                        s.statementId(),
                        s.providerId(),
                        s.periodFrom(),
                        s.periodTo(),
                        s.issuedAt(),
                        s.visits(),
                        s.payableMinutes(),
                        s.payablePence(),
                        jdbc.sql("SELECT " + LINE_COLUMNS
                                        + " FROM statement_line_view WHERE provider_id = ? AND statement_id = ?"
                                        + " ORDER BY line_no")
                                .params(providerId, statementId)
                                .query(PaymentQueries::line)
                                .list()));
    }

    /** What a statement for the period would hold now: the same draft as issuing, from the query side's facts. */
    Preview preview(String providerId, LocalDate from, LocalDate to) {
        List<PaymentFacts> visits = facts(providerId, to);
        var terms = terms(providerId);
        List<StatementLine> lines = StatementDraft.lines("preview", to, visits, terms, paid(providerId));
        List<Held> held = visits.stream()
                .filter(v -> v.hold().isPresent())
                .map(v -> new Held(v.visitId(), v.plannedDate(), v.hold().get(), v.openExceptions()))
                .toList();
        var payable = new Payable(
                (int) lines.stream().map(StatementLine::visitId).distinct().count(),
                lines.stream().mapToLong(StatementLine::billableMinutes).sum(),
                lines.stream().mapToLong(StatementLine::amountPence).sum());
        return new Preview(providerId, from, to, payable, held, lines);
    }

    /**
     * Every delivered, uncancelled visit of the provider planned in the period, priced at the rate and rule in force
     * on its date (held or not, paid or not): what the care delivered in the period costs the council.
     */
    List<StatementLine> priced(String providerId, LocalDate from, LocalDate to) {
        var terms = terms(providerId);
        return facts(providerId, to).stream()
                .filter(visit -> !visit.plannedDate().isBefore(from))
                .filter(visit -> hasRateOn(terms, visit))
                .map(visit -> StatementDraft.price("cost", visit, terms))
                .toList();
    }

    /**
     * A visit can be priced once its package has a rate in force on its date; one without (a history stored without
     * its package's commission) is left out rather than failing the whole answer.
     */
    private static boolean hasRateOn(StatementDraft.Terms terms, PaymentFacts visit) {
        return EffectiveDates.inForceOn(
                        terms.ratesOfPackage().apply(visit.packageId()),
                        PackageRate::effectiveFrom,
                        visit.plannedDate())
                .isPresent();
    }

    /** One delivered visit priced at the rate and rule in force on its date; empty when it has no payment facts. */
    Optional<StatementLine> pricedVisit(String visitId) {
        // One visit's facts, not the provider's whole history: this is on every GET /visits/{id}.
        return jdbc.sql("SELECT " + FACT_COLUMNS + " FROM payment_visit_view WHERE visit_id = ? AND delivered"
                        + " AND NOT cancelled")
                .param(visitId)
                .query(PaymentQueries::facts)
                .optional()
                .flatMap(visit -> {
                    var terms = terms(visit.providerId());
                    return hasRateOn(terms, visit)
                            ? Optional.of(StatementDraft.price("cost", visit, terms))
                            : Optional.empty();
                });
    }

    /** Each package's rates (as recorded) and the provider's rules, with the deployment's default. */
    private StatementDraft.Terms terms(String providerId) {
        var rates = new HashMap<String, List<PackageRate>>();
        jdbc.sql("SELECT package_id, rate_id, hourly_rate_pence, effective_from, reason FROM payment_rate_view"
                        + " WHERE package_id IN (SELECT package_id FROM payment_visit_view WHERE provider_id = ?)"
                        + " ORDER BY position")
                .param(providerId)
                .query(rs -> {
                    rates.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new PackageRate(
                                    rs.getString(2), rs.getInt(3), Sql.date(rs, "effective_from"), rs.getString(5)));
                });
        return new StatementDraft.Terms(
                id -> rates.getOrDefault(id, List.of()), rules(providerId), defaultRule.terms());
    }

    /** The provider's delivered, uncancelled visits planned on or before {@code to}, in date order. */
    private List<PaymentFacts> facts(String providerId, LocalDate to) {
        return jdbc.sql("SELECT " + FACT_COLUMNS
                        + " FROM payment_visit_view WHERE provider_id = ? AND planned_date <= ?"
                        + " AND delivered AND NOT cancelled ORDER BY planned_date, visit_id")
                .params(providerId, to)
                .query(PaymentQueries::facts)
                .list();
    }

    private static final String FACT_COLUMNS = "visit_id, provider_id, client_ref, package_id, planned_date,"
            + " planned_minutes, delivered_minutes, exceptions, accepted, drawn_minutes, amendment_pending";

    private static PaymentFacts facts(ResultSet rs, int n) throws SQLException {
        return new PaymentFacts(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Sql.date(rs, "planned_date"),
                rs.getInt(6),
                rs.getInt(7),
                exceptions(rs.getString(8)),
                rs.getBoolean(9),
                rs.getInt(10),
                rs.getBoolean(11));
    }

    /** The line of a statement for a visit, and the events behind it with their audit-feed positions. */
    Optional<LineExplanation> explain(String providerId, String statementId, String visitId) {
        var line = jdbc.sql("SELECT " + LINE_COLUMNS
                        + " FROM statement_line_view WHERE provider_id = ? AND statement_id = ? AND visit_id = ?")
                .params(providerId, statementId, visitId)
                .query(PaymentQueries::line)
                .optional();
        if (line.isEmpty()) {
            return Optional.empty();
        }
        var l = line.get();
        var events = new ArrayList<Evidence>();
        jdbc.sql("SELECT delivered_position, verified_position, accepted_position, exceptions FROM payment_visit_view"
                        + " WHERE visit_id = ?")
                .param(visitId)
                .query(rs -> {
                    events.add(new Evidence(
                            "delivered times", "VisitDelivered", Sql.nullableLong(rs, "delivered_position"), null));
                    events.add(new Evidence(
                            "verification",
                            "DeliveryVerified",
                            Sql.nullableLong(rs, "verified_position"),
                            rs.getString(4)));
                    Long accepted = Sql.nullableLong(rs, "accepted_position");
                    if (accepted != null) {
                        events.add(new Evidence("exceptions accepted", "VisitExceptionsAccepted", accepted, null));
                    }
                });
        jdbc.sql(
                        "SELECT position, reason FROM payment_rate_view WHERE package_id = ? AND rate_id = ? ORDER BY position")
                .params(l.packageId(), l.rateId())
                .query(rs -> {
                    events.add(new Evidence(
                            "rate " + l.rateId(),
                            rateEventType(l.rateId()),
                            Sql.nullableLong(rs, "position"),
                            rs.getString(2)));
                });
        if (l.ruleEffectiveFrom() != null) {
            jdbc.sql("SELECT position FROM payment_rule_view WHERE provider_id = ? AND effective_from = ?"
                            + " ORDER BY position DESC FETCH FIRST 1 ROWS ONLY")
                    .params(providerId, l.ruleEffectiveFrom())
                    .query(rs -> {
                        events.add(new Evidence(
                                "billing rule from " + l.ruleEffectiveFrom(),
                                "BillingRuleSet",
                                Sql.nullableLong(rs, "position"),
                                null));
                    });
        } else {
            events.add(new Evidence("billing rule", null, null, "the deployment's default (carebank.billing)"));
        }
        jdbc.sql("SELECT s.statement_id, s.position FROM statement_view s WHERE s.provider_id = ? AND EXISTS (SELECT 1"
                        + " FROM statement_line_view l WHERE l.provider_id = s.provider_id"
                        + " AND l.statement_id = s.statement_id AND l.visit_id = ?) ORDER BY s.period_from")
                .params(providerId, visitId)
                .query(rs -> {
                    events.add(new Evidence(
                            "line on statement " + rs.getString(1),
                            "StatementIssued",
                            Sql.nullableLong(rs, "position"),
                            null));
                });
        return Optional.of(new LineExplanation(statementId, providerId, l, events));
    }

    private static String rateEventType(String rateId) {
        return PackageRate.COMMISSIONED.equals(rateId) ? "PackageCommissioned" : "PackageRateChanged or RatesReviewed";
    }

    private List<ProviderBillingRule> rules(String providerId) {
        return jdbc.sql(
                        """
                        SELECT rule, unit_minutes, tolerance_minutes, minimum_minutes, effective_from
                        FROM payment_rule_view WHERE provider_id = ? ORDER BY position""")
                .param(providerId)
                .query((rs, n) -> new ProviderBillingRule(
                        new BillingTerms(
                                BillingRule.valueOf(rs.getString(1)), rs.getInt(2), rs.getInt(3), rs.getInt(4)),
                        Sql.date(rs, "effective_from")))
                .list();
    }

    /** What each visit of the provider has been paid so far, folding its lines in statement order. */
    private Map<String, PaidVisit> paid(String providerId) {
        var paid = new HashMap<String, PaidVisit>();
        jdbc.sql("SELECT " + LINE_COLUMNS.replace("statement_id,", "l.statement_id,")
                        + " FROM statement_line_view l JOIN statement_view s ON s.provider_id = l.provider_id"
                        + " AND s.statement_id = l.statement_id WHERE l.provider_id = ? ORDER BY s.period_from,"
                        + " l.line_no")
                .param(providerId)
                .query(rs -> {
                    StatementLine line = line(rs, 0);
                    paid.put(
                            line.visitId(),
                            StatementDraft.paidAfter(paid.get(line.visitId()), rs.getString("statement_id"), line));
                });
        return paid;
    }

    private static StatementLine line(ResultSet rs, int n) throws SQLException {
        return new StatementLine(
                rs.getString("visit_id"),
                rs.getString("client_ref"),
                rs.getString("package_id"),
                Sql.date(rs, "line_date"),
                rs.getInt("delivered_minutes"),
                rs.getInt("billable_minutes"),
                rs.getInt("hourly_rate_pence"),
                rs.getLong("amount_pence"),
                BillingRule.valueOf(rs.getString("rule")),
                rs.getInt("unit_minutes"),
                rs.getInt("tolerance_minutes"),
                rs.getInt("minimum_minutes"),
                rs.getString("rate_id"),
                Sql.date(rs, "rule_effective_from"),
                rs.getInt("drawn_from_bank_minutes"),
                rs.getString("adjustment_of"));
    }

    private static List<VisitException> exceptions(String joined) {
        return joined == null || joined.isEmpty()
                ? List.of()
                : Arrays.stream(joined.split(",")).map(VisitException::valueOf).toList();
    }
}
