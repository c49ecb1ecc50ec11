package org.carebank.command.payment;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.command.lookup.PaymentLookups;
import org.carebank.command.visit.BillingPolicy;
import org.carebank.kernel.payment.IssueStatement;
import org.carebank.kernel.payment.PaymentFacts;
import org.carebank.kernel.payment.StatementDraft;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.springframework.stereotype.Component;

/**
 * Issuing needs facts other aggregates own (the visits, the packages' rates, the provider's rules): read them from the
 * payment lookups, written in the same transaction as those events, and let {@link ProviderStatements} decide.
 */
@Component
class StatementIssuing {

    private final Repository<ProviderStatements> statements;
    private final CommandLookups lookups;
    private final PaymentLookups payments;
    private final BillingPolicy defaultRule;

    StatementIssuing(
            Repository<ProviderStatements> statements,
            CommandLookups lookups,
            PaymentLookups payments,
            BillingPolicy defaultRule) {
        this.statements = statements;
        this.lookups = lookups;
        this.payments = payments;
        this.defaultRule = defaultRule;
    }

    @CommandHandler
    CommandOutcome handle(IssueStatement command) throws Exception {
        if (lookups.providerStatus(command.providerId()).isEmpty()) {
            throw Refusal.notFound("unknown-provider", "No provider " + command.providerId() + ".")
                    .exception();
        }
        List<PaymentFacts> visits = payments.deliveredVisits(command.providerId(), command.periodTo());
        var rates = payments.packageRates(
                visits.stream().map(PaymentFacts::packageId).distinct().toList());
        var terms = new StatementDraft.Terms(
                packageId -> rates.getOrDefault(packageId, List.of()),
                payments.billingRules(command.providerId()),
                defaultRule.terms());
        var account = statements.loadOrCreate(command.streamId(), ProviderStatements::new);
        return account.invoke(a -> a.issue(command, visits, terms));
    }
}
