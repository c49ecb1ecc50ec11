package org.carebank.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.payment.IssueStatement;
import org.carebank.kernel.payment.PaidVisit;
import org.carebank.kernel.payment.PaymentFacts;
import org.carebank.kernel.payment.StatementDraft;
import org.carebank.kernel.payment.StatementIssued;
import org.carebank.kernel.payment.StatementLine;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;

/**
 * One provider's payment statements (domain, "Payment statement"), one stream per provider so that two statements are
 * issued one after the other: periods never overlap, a visit is paid once, and what was paid per visit is remembered
 * here, so a later change to a paid visit becomes an adjustment line naming the line it adjusts (ADR 0015).
 */
@Aggregate
class ProviderStatements {

    private record Period(String statementId, java.time.LocalDate from, java.time.LocalDate to) {}

    @AggregateIdentifier
    private String streamId;

    private final List<Period> periods = new ArrayList<>();
    private final Map<String, PaidVisit> paid = new HashMap<>();

    protected ProviderStatements() {}

    /** Called by {@link StatementIssuing} with the provider's delivered visits and the terms that price them. */
    CommandOutcome issue(IssueStatement command, List<PaymentFacts> visits, StatementDraft.Terms terms) {
        for (Period period : periods) {
            if (period.statementId().equals(command.statementId())) {
                if (period.from().equals(command.periodFrom()) && period.to().equals(command.periodTo())) {
                    return CommandOutcome.ALREADY_RECORDED;
                }
                throw Refusal.conflict(
                                "statement-id-reused",
                                "Statement " + command.statementId() + " was issued for another period.")
                        .exception();
            }
        }
        if (command.periodTo().isBefore(command.periodFrom())) {
            throw Refusal.rule("statement-period-invalid", "A statement period cannot end before it starts.")
                    .exception();
        }
        for (Period period : periods) {
            if (!command.periodFrom().isAfter(period.to()) && !period.from().isAfter(command.periodTo())) {
                throw Refusal.rule(
                                "statement-period-overlaps",
                                "Statement " + period.statementId() + " of provider " + command.providerId()
                                        + " already covers " + period.from() + " to " + period.to() + ".")
                        .with("overlapsStatementId", period.statementId())
                        .with("overlapsFrom", period.from().toString())
                        .with("overlapsTo", period.to().toString())
                        .exception();
            }
        }
        List<StatementLine> lines =
                StatementDraft.lines(command.statementId(), command.periodTo(), visits, terms, paid);
        apply(StatementDraft.issued(command, lines));
        return CommandOutcome.RECORDED;
    }

    @EventSourcingHandler
    void on(StatementIssued event) {
        streamId = StreamIds.statements(event.providerId());
        periods.add(new Period(event.statementId(), event.periodFrom(), event.periodTo()));
        for (StatementLine line : event.lines()) {
            paid.put(line.visitId(), StatementDraft.paidAfter(paid.get(line.visitId()), event.statementId(), line));
        }
    }
}
