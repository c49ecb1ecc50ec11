package org.carebank.command.timebank;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.carebank.command.lookup.BankableVisit;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.timebank.AdjustTimeBank;
import org.carebank.kernel.timebank.BankUnusedTime;
import org.carebank.kernel.timebank.DrawDownTime;
import org.carebank.kernel.timebank.ReverseDepositOfAmendedVisit;
import org.carebank.kernel.timebank.TimeBankReceipt;
import org.springframework.stereotype.Component;

/**
 * Time bank commands need facts the bank does not own: the visit a deposit comes from (delivered, ended early, its
 * package's time banking) and whether a provider serves the client. Both come from the command-side lookups.
 */
@Component
class TimeBankCommands {

    private final Repository<TimeBank> banks;
    private final CommandLookups lookups;
    private final TimeBankRules rules;
    private final DeadlineManager deadlines;

    TimeBankCommands(
            Repository<TimeBank> banks, CommandLookups lookups, TimeBankRules rules, DeadlineManager deadlines) {
        this.banks = banks;
        this.lookups = lookups;
        this.rules = rules;
        this.deadlines = deadlines;
    }

    @CommandHandler
    TimeBankReceipt handle(BankUnusedTime command, Caller caller) throws Exception {
        BankableVisit visit = lookups.bankableVisit(command.visitId())
                .filter(v -> v.clientRef().equals(command.clientRef()))
                .filter(v -> caller.mayActFor(v.providerId()))
                .orElseThrow(() -> Refusal.notFound(
                                "unknown-visit",
                                "No visit " + command.visitId() + " of client " + command.clientRef() + ".")
                        .exception());
        return bank(command.streamId()).invoke(bank -> bank.deposit(command, visit, rules, deadlines));
    }

    @CommandHandler
    TimeBankReceipt handle(DrawDownTime command, Caller caller) throws Exception {
        requireServes(caller, command.clientRef());
        return bank(command.streamId()).invoke(bank -> bank.withdraw(command));
    }

    @CommandHandler
    TimeBankReceipt handle(AdjustTimeBank command, Caller caller) throws Exception {
        if (caller.role() != Role.COUNCIL) {
            throw Refusal.rule("council-only", "Only the council adjusts a time bank.")
                    .exception();
        }
        return bank(command.streamId()).invoke(bank -> bank.adjust(command, rules, deadlines));
    }

    /** Only the service sends it (after an approved amendment); a client without a bank has nothing to take back. */
    @CommandHandler
    TimeBankReceipt handle(ReverseDepositOfAmendedVisit command, Caller caller) throws Exception {
        if (caller.role() != Role.SYSTEM) {
            throw Refusal.rule("service-only", "Deposits are taken back by the service after an approved amendment.")
                    .exception();
        }
        Aggregate<TimeBank> bank;
        try {
            bank = banks.load(command.streamId());
        } catch (AggregateNotFoundException noBank) {
            return new TimeBankReceipt(CommandOutcome.ALREADY_RECORDED, 0);
        }
        return bank.invoke(b -> b.reverseForAmendedVisit(command));
    }

    private Aggregate<TimeBank> bank(String streamId) throws Exception {
        return banks.loadOrCreate(streamId, TimeBank::new);
    }

    /** A provider draws on the bank of a client it currently serves; to others the bank does not exist. */
    private void requireServes(Caller caller, String clientRef) {
        if (caller.role() == Role.PROVIDER && !lookups.servesClient(caller.providerId(), clientRef)) {
            throw Refusal.notFound("unknown-time-bank", "No time bank for client " + clientRef + ".")
                    .exception();
        }
    }
}
