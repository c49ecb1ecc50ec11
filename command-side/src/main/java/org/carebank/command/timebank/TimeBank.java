package org.carebank.command.timebank;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.carebank.command.lookup.BankableVisit;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.timebank.AdjustTimeBank;
import org.carebank.kernel.timebank.BankUnusedTime;
import org.carebank.kernel.timebank.DrawDownTime;
import org.carebank.kernel.timebank.ReverseDepositOfAmendedVisit;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeBankReceipt;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;

/**
 * One client's time bank: the client's, not a provider's. One aggregate per client, so two deposits or withdrawals
 * racing on one bank are handled one after the other and never both pass a limit.
 *
 * <p>Before any decision the lots whose expiry has come are expired, so the recorded history alone says what the
 * balance was at any instant, even when a deadline fires late.
 */
@Aggregate
class TimeBank {

    static final String LOT_EXPIRY_DEADLINE = "time-bank-lot-expiry";
    static final Caller LOT_EXPIRY = Caller.system("carebank:time-bank-expiry");

    @AggregateIdentifier
    private String streamId;

    private String clientRef;
    private final TimeBankAccount account = new TimeBankAccount();

    protected TimeBank() {}

    TimeBankReceipt deposit(
            BankUnusedTime command, BankableVisit visit, TimeBankRules rules, DeadlineManager deadlines) {
        expireDueLots(command.clientRef(), command.requestedAt());
        if (account.isRepeatOfDeposit(command.visitId(), command.minutes(), command.consentBy())) {
            return receipt(CommandOutcome.ALREADY_RECORDED);
        }
        var banked = account.deposit(
                command.clientRef(), visit, command.minutes(), command.consentBy(), command.requestedAt(), rules);
        apply(banked);
        deadlines.schedule(
                banked.expiresAt(), LOT_EXPIRY_DEADLINE, new LotExpiryDue(banked.lotId(), banked.expiresAt()));
        return receipt(CommandOutcome.RECORDED);
    }

    TimeBankReceipt withdraw(DrawDownTime command) {
        expireDueLots(command.clientRef(), command.requestedAt());
        var drawn = account.withdraw(
                command.clientRef(),
                command.withdrawalId(),
                command.minutes(),
                command.purpose(),
                command.visitId(),
                command.requestedAt());
        if (drawn == null) {
            return receipt(CommandOutcome.ALREADY_RECORDED);
        }
        apply(drawn);
        return receipt(CommandOutcome.RECORDED);
    }

    TimeBankReceipt adjust(AdjustTimeBank command, TimeBankRules rules, DeadlineManager deadlines) {
        expireDueLots(command.clientRef(), command.requestedAt());
        var adjusted = account.adjust(
                command.clientRef(),
                command.adjustmentId(),
                command.minutes(),
                command.reason(),
                command.requestedAt(),
                rules);
        if (adjusted == null) {
            return receipt(CommandOutcome.ALREADY_RECORDED);
        }
        apply(adjusted);
        if (adjusted.lotId() != null) {
            deadlines.schedule(
                    adjusted.expiresAt(),
                    LOT_EXPIRY_DEADLINE,
                    new LotExpiryDue(adjusted.lotId(), adjusted.expiresAt()));
        }
        return receipt(CommandOutcome.RECORDED);
    }

    /** An approved amendment's correction; nothing when the visit's deposits still fit its unused minutes. */
    TimeBankReceipt reverseForAmendedVisit(ReverseDepositOfAmendedVisit command) {
        expireDueLots(command.clientRef(), command.requestedAt());
        var reversal = account.reverseForAmendedVisit(
                command.clientRef(),
                command.visitId(),
                command.amendmentId(),
                command.unusedMinutesNow(),
                command.requestedAt());
        if (reversal == null) {
            return receipt(CommandOutcome.ALREADY_RECORDED);
        }
        apply(reversal);
        return receipt(CommandOutcome.RECORDED);
    }

    @DeadlineHandler(deadlineName = LOT_EXPIRY_DEADLINE)
    void on(LotExpiryDue due) {
        // Usually this lot, and any other whose time has come; nothing when a command already expired them.
        expireDueLots(clientRef, due.expiresAt());
    }

    private void expireDueLots(String client, Instant now) {
        for (TimeBankLotExpired expiry : account.dueExpiries(client, now)) {
            apply(expiry, MetaData.from(LOT_EXPIRY.toMetaData()));
        }
    }

    private TimeBankReceipt receipt(CommandOutcome outcome) {
        return new TimeBankReceipt(outcome, account.balance());
    }

    private void opened(String client) {
        if (streamId == null) {
            streamId = StreamIds.timeBank(client);
            clientRef = client;
        }
    }

    @EventSourcingHandler
    void on(UnusedTimeBanked event) {
        opened(event.clientRef());
        account.apply(event);
    }

    @EventSourcingHandler
    void on(TimeBankAdjusted event) {
        opened(event.clientRef());
        account.apply(event);
    }

    @EventSourcingHandler
    void on(TimeDrawnDown event) {
        account.apply(event);
    }

    @EventSourcingHandler
    void on(TimeBankLotExpired event) {
        account.apply(event);
    }
}
