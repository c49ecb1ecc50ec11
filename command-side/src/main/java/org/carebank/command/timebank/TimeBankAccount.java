package org.carebank.command.timebank;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carebank.command.lookup.BankableVisit;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLedger;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;

/**
 * The decisions on a client's time bank (domain rules 5 to 7): which command is refused and why, which is a retry, and
 * the event each other command records. The lot arithmetic is the kernel's {@link TimeBankLedger}, the one the query
 * side folds too; this class adds what only deciding needs (the earlier deposits, withdrawals and adjustments, for
 * retries). Pure: no Axon, no clock, no I/O, so the aggregate and the property tests use the very same rules.
 * Decisions return the event to record (or refuse); {@link #apply} is the only way state changes.
 *
 * <p>The invariant every decision keeps: the ledger's balance stays within [0, cap].
 */
final class TimeBankAccount {

    private final Map<String, UnusedTimeBanked> deposits = new HashMap<>();
    private final Map<String, TimeDrawnDown> withdrawals = new HashMap<>();
    private final Map<String, TimeBankAdjusted> adjustments = new HashMap<>();
    private final Map<String, Integer> reversedByVisit = new HashMap<>();
    private TimeBankLedger ledger = TimeBankLedger.EMPTY;

    // ---- decisions ----

    /** The lots whose expiry has come by {@code now} and still hold minutes, each as the event that expires it. */
    public List<TimeBankLotExpired> dueExpiries(String clientRef, Instant now) {
        return ledger.expiriesDueBy(clientRef, now);
    }

    /**
     * A deposit's repeat: the same visit banked with the same minutes and consent is the deposit already recorded; any
     * other body for a visit already banked is refused, as the contract names it, {@code already-banked}.
     */
    public boolean isRepeatOfDeposit(String visitId, int minutes, String consentBy) {
        var earlier = deposits.get(visitId);
        if (earlier == null) {
            return false;
        }
        if (earlier.minutes() == minutes && Objects.equals(earlier.consentBy(), consentBy)) {
            return true;
        }
        throw Refusal.rule("already-banked", "Visit " + visitId + " is already banked; a visit is banked at most once.")
                .with("bankedMinutes", earlier.minutes())
                .exception();
    }

    public UnusedTimeBanked deposit(
            String clientRef, BankableVisit visit, int minutes, String consentBy, Instant now, TimeBankRules rules) {
        requirePositive(minutes);
        if (consentBy == null || consentBy.isBlank()) {
            throw Refusal.rule("consent-required", "Banking time needs the consent of the client (consentBy).")
                    .exception();
        }
        if (!visit.delivered() || !visit.endedEarlyAtClientRequest() || visit.unusedMinutes() <= 0) {
            throw Refusal.rule(
                            "not-unused-time",
                            "Only minutes of a delivered visit that the client chose to end early can be banked.")
                    .with("unusedMinutes", visit.delivered() ? visit.unusedMinutes() : 0)
                    .exception();
        }
        if (minutes > visit.unusedMinutes()) {
            throw Refusal.rule(
                            "not-unused-time",
                            "Visit " + visit.visitId() + " left " + visit.unusedMinutes() + " minutes unused, not "
                                    + minutes + ".")
                    .with("unusedMinutes", visit.unusedMinutes())
                    .exception();
        }
        if (!visit.timeBanking()) {
            throw Refusal.rule("time-banking-off", "The visit's care package does not have time banking on.")
                    .exception();
        }
        if (now.isAfter(visit.endedAt().plus(rules.bankingWindow()))) {
            throw Refusal.rule(
                            "banking-window-closed",
                            "Unused time is banked within "
                                    + rules.bankingWindow().toDays() + " days of the visit; this visit ended at "
                                    + visit.endedAt() + ".")
                    .exception();
        }
        requireHeadroom(minutes, rules);
        return new UnusedTimeBanked(
                clientRef,
                "deposit:" + visit.visitId(),
                visit.visitId(),
                visit.providerId(),
                minutes,
                consentBy,
                now,
                now.plus(rules.lotLifetime()),
                ledger.balance() + minutes);
    }

    /** Null when this withdrawal id was already recorded with the same minutes, purpose and visit (a retry). */
    public TimeDrawnDown withdraw(
            String clientRef, String withdrawalId, int minutes, String purpose, String visitId, Instant now) {
        var earlier = withdrawals.get(withdrawalId);
        if (earlier != null) {
            if (earlier.minutes() == minutes
                    && earlier.purpose().equals(purpose)
                    && Objects.equals(earlier.visitId(), visitId)) {
                return null;
            }
            throw Refusal.conflict(
                            "withdrawal-id-reused",
                            "Withdrawal " + withdrawalId + " was already recorded with other details.")
                    .exception();
        }
        requirePositive(minutes);
        requireBalance(minutes);
        return new TimeDrawnDown(
                clientRef,
                withdrawalId,
                minutes,
                purpose,
                visitId,
                now,
                ledger.oldestFirst(minutes),
                ledger.balance() - minutes);
    }

    /** Null when this adjustment id was already recorded with the same minutes and reason (a retry). */
    public TimeBankAdjusted adjust(
            String clientRef, String adjustmentId, int minutes, String reason, Instant now, TimeBankRules rules) {
        var earlier = adjustments.get(adjustmentId);
        if (earlier != null) {
            if (earlier.minutes() == minutes && earlier.reason().equals(reason)) {
                return null;
            }
            throw Refusal.conflict(
                            "adjustment-id-reused",
                            "Adjustment " + adjustmentId + " was already recorded with other details.")
                    .exception();
        }
        if (minutes == 0) {
            throw Refusal.rule("empty-adjustment", "An adjustment changes the balance by at least one minute.")
                    .exception();
        }
        if (minutes > 0) {
            requireHeadroom(minutes, rules);
            return new TimeBankAdjusted(
                    clientRef,
                    adjustmentId,
                    minutes,
                    reason,
                    now,
                    "adjustment:" + adjustmentId,
                    now.plus(rules.lotLifetime()),
                    List.of(),
                    ledger.balance() + minutes);
        }
        requireBalance(-minutes);
        return new TimeBankAdjusted(
                clientRef,
                adjustmentId,
                minutes,
                reason,
                now,
                null,
                null,
                ledger.oldestFirst(-minutes),
                ledger.balance() + minutes);
    }

    /**
     * The line that takes back what an approved amendment left unbanked-for: the visit's deposits, less what earlier
     * amendments took back, above its new unused minutes. Never more than the balance (minutes already drawn cannot
     * be taken back; the reason says so). Null when nothing is to be taken back or this amendment already was.
     */
    public TimeBankAdjusted reverseForAmendedVisit(
            String clientRef, String visitId, String amendmentId, int unusedMinutesNow, Instant now) {
        String adjustmentId = AMENDMENT_REVERSAL + visitId + "/" + amendmentId;
        if (adjustments.containsKey(adjustmentId)) {
            return null;
        }
        int banked = depositedMinutes(visitId) - reversedByVisit.getOrDefault(visitId, 0);
        int excess = banked - unusedMinutesNow;
        int minutes = Math.min(excess, ledger.balance());
        if (excess <= 0 || minutes <= 0) {
            return null;
        }
        String reason = "Amendment " + amendmentId + " of visit " + visitId + " approved: " + banked
                + " minutes banked from it, " + unusedMinutesNow + " now unused; " + minutes + " taken back"
                + (minutes < excess ? " (" + (excess - minutes) + " already drawn could not be)" : "") + ".";
        return new TimeBankAdjusted(
                clientRef,
                adjustmentId,
                -minutes,
                reason,
                now,
                null,
                null,
                ledger.oldestFirst(minutes),
                ledger.balance() - minutes);
    }

    /**
     * Adjustment ids of amendment reversals: {@code amendment/<visitId>/<amendmentId>}. A caller's ids never hold a
     * slash, so these never meet a council adjustment's id and name their visit.
     */
    static final String AMENDMENT_REVERSAL = "amendment/";

    /** The API validates this too; the account keeps its own invariant whatever path a command took. */
    private static void requirePositive(int minutes) {
        if (minutes < 1) {
            throw Refusal.rule("minutes-not-positive", "Deposits and withdrawals move at least one minute.")
                    .exception();
        }
    }

    private void requireHeadroom(int minutes, TimeBankRules rules) {
        int headroom = ledger.headroom(rules.capMinutes());
        if (minutes > headroom) {
            throw Refusal.rule(
                            "time-bank-cap-exceeded",
                            "A time bank holds at most " + rules.capMinutes() + " minutes; " + headroom
                                    + " can still be banked.")
                    .with("headroomMinutes", headroom)
                    .with("capMinutes", rules.capMinutes())
                    .with("balanceMinutes", ledger.balance())
                    .exception();
        }
    }

    private void requireBalance(int minutes) {
        int balance = ledger.balance();
        if (minutes > balance) {
            throw Refusal.rule(
                            "insufficient-time-bank-balance",
                            "The time bank holds " + balance + " minutes, fewer than the " + minutes + " asked for.")
                    .with("balanceMinutes", balance)
                    .exception();
        }
    }

    // ---- state ----

    public void apply(Object event) {
        if (event instanceof UnusedTimeBanked e) {
            deposits.put(e.visitId(), e);
        } else if (event instanceof TimeDrawnDown e) {
            withdrawals.put(e.withdrawalId(), e);
        } else if (event instanceof TimeBankAdjusted e) {
            adjustments.put(e.adjustmentId(), e);
            if (e.adjustmentId().startsWith(AMENDMENT_REVERSAL)) {
                String visitId = e.adjustmentId()
                        .substring(AMENDMENT_REVERSAL.length(), e.adjustmentId().lastIndexOf('/'));
                reversedByVisit.merge(visitId, -e.minutes(), Integer::sum);
            }
        }
        ledger = ledger.apply(event);
    }

    /** The bank's lots and totals as the recorded events left them. */
    public TimeBankLedger ledger() {
        return ledger;
    }

    public int balance() {
        return ledger.balance();
    }

    public int depositedMinutes(String visitId) {
        var deposit = deposits.get(visitId);
        return deposit == null ? 0 : deposit.minutes();
    }
}
