package org.carebank.kernel.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.timebank.TimeBankLedger.Kind;
import org.carebank.kernel.timebank.TimeBankLedger.Lot;
import org.carebank.kernel.timebank.TimeBankLedger.NextExpiry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lot arithmetic of domain rules 6 and 7 at its edges: FIFO spending, whole-lot expiry at the very instant of the
 * lot's expiry, the balance spent to the minute, the cap reached exactly.
 */
class TimeBankLedgerTest {

    private static final String CLIENT = "CL-1";
    private static final Duration LIFETIME = Duration.ofDays(84);
    private static final Instant MONDAY = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant TUESDAY = MONDAY.plus(Duration.ofDays(1));
    private static final Instant WEDNESDAY = MONDAY.plus(Duration.ofDays(2));

    private static UnusedTimeBanked deposit(String visitId, int minutes, Instant at, int balanceAfter) {
        return new UnusedTimeBanked(
                CLIENT, "deposit:" + visitId, visitId, "alpha", minutes, "client", at, at.plus(LIFETIME), balanceAfter);
    }

    private static TimeDrawnDown drawn(int minutes, Instant at, List<LotSpend> spent, int balanceAfter) {
        return new TimeDrawnDown(CLIENT, "W-" + at, minutes, "swimming", null, at, spent, balanceAfter);
    }

    /** 40 minutes banked on Monday (V-1), 30 on Tuesday (V-2): 70, the Monday lot to expire first. */
    private static TimeBankLedger twoLots() {
        return TimeBankLedger.EMPTY.apply(deposit("V-1", 40, MONDAY, 40)).apply(deposit("V-2", 30, TUESDAY, 70));
    }

    @Test
    @DisplayName(
            "a deposit opens a lot of its own; the balance is the lots' sum and banked − drawn − expired + adjusted")
    void depositsOpenLots() {
        var ledger = twoLots();

        assertThat(ledger.lots())
                .containsExactly(
                        new Lot("deposit:V-1", MONDAY, MONDAY.plus(LIFETIME), 40),
                        new Lot("deposit:V-2", TUESDAY, TUESDAY.plus(LIFETIME), 30));
        assertThat(ledger.balance()).isEqualTo(70);
        assertThat(List.of(ledger.banked(), ledger.drawn(), ledger.expired(), ledger.adjusted()))
                .containsExactly(70, 0, 0, 0);
        assertThat(TimeBankLedger.EMPTY.balance()).isZero();
        assertThat(TimeBankLedger.EMPTY.lots()).isEmpty();
    }

    @Test
    @DisplayName("a withdrawal takes the oldest lot first and only then the next: 50 of 40 + 30 is 40 + 10")
    void withdrawalSpendsOldestFirst() {
        var ledger = twoLots();

        assertThat(ledger.oldestFirst(40)).containsExactly(new LotSpend("deposit:V-1", 40));
        assertThat(ledger.oldestFirst(50))
                .containsExactly(new LotSpend("deposit:V-1", 40), new LotSpend("deposit:V-2", 10));
        assertThat(ledger.oldestFirst(1)).containsExactly(new LotSpend("deposit:V-1", 1));
        assertThat(ledger.oldestFirst(0)).isEmpty();

        var after = ledger.apply(drawn(50, WEDNESDAY, ledger.oldestFirst(50), 20));
        assertThat(after.lots())
                .as("the emptied lot is gone")
                .containsExactly(new Lot("deposit:V-2", TUESDAY, TUESDAY.plus(LIFETIME), 20));
        assertThat(after.balance()).isEqualTo(20);
        assertThat(after.drawn()).isEqualTo(50);
        assertThat(ledger.balance())
                .as("immutable: the ledger before is unchanged")
                .isEqualTo(70);
    }

    @Test
    @DisplayName("a withdrawal of exactly the balance empties the bank; one minute more is not the ledger's to take")
    void exactlyTheBalance() {
        var ledger = twoLots();

        var all = ledger.oldestFirst(70);
        assertThat(all).containsExactly(new LotSpend("deposit:V-1", 40), new LotSpend("deposit:V-2", 30));
        var empty = ledger.apply(drawn(70, WEDNESDAY, all, 0));
        assertThat(empty.balance()).isZero();
        assertThat(empty.lots()).isEmpty();
        assertThat(empty.nextExpiry()).isEmpty();

        assertThatThrownBy(() -> ledger.oldestFirst(71)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> empty.oldestFirst(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.oldestFirst(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the headroom under the cap: none when the cap is exactly reached, one minute just below it")
    void headroomAtTheCap() {
        var full = TimeBankLedger.EMPTY.apply(deposit("V-1", 600, MONDAY, 600));
        var oneBelow = TimeBankLedger.EMPTY.apply(deposit("V-1", 599, MONDAY, 599));

        assertThat(full.headroom(600)).isZero();
        assertThat(oneBelow.headroom(600)).isEqualTo(1);
        assertThat(TimeBankLedger.EMPTY.headroom(600)).isEqualTo(600);
        assertThat(full.headroom(500))
                .as("the cap was lowered below the balance")
                .isEqualTo(-100);
    }

    @Test
    @DisplayName("a lot is due exactly at its expiry, not a nanosecond before, and expires whole with what is left")
    void dueExactlyAtExpiry() {
        var ledger = twoLots();
        var mondayExpiry = MONDAY.plus(LIFETIME);

        assertThat(ledger.expiriesDueBy(CLIENT, mondayExpiry.minusNanos(1))).isEmpty();
        assertThat(ledger.expiriesDueBy(CLIENT, mondayExpiry))
                .containsExactly(new TimeBankLotExpired(CLIENT, "deposit:V-1", 40, mondayExpiry, 30));

        var partlySpent = ledger.apply(drawn(15, WEDNESDAY, ledger.oldestFirst(15), 55));
        var expiry = partlySpent.expiriesDueBy(CLIENT, mondayExpiry.plusSeconds(3600));
        assertThat(expiry)
                .as("what is left of the lot, at the lot's own expiry however late it is noticed")
                .containsExactly(new TimeBankLotExpired(CLIENT, "deposit:V-1", 25, mondayExpiry, 30));
        var after = partlySpent.apply(expiry.get(0));
        assertThat(after.lots()).extracting(Lot::lotId).containsExactly("deposit:V-2");
        assertThat(after.expired()).isEqualTo(25);
        assertThat(after.balance()).isEqualTo(30);
    }

    @Test
    @DisplayName("every lot due by an instant expires, oldest expiry first, each with the balance after it")
    void severalDue() {
        // a council credit banked after V-2 but, under a shorter lifetime then, expiring before both deposits
        var credit = new TimeBankAdjusted(
                CLIENT, "A-1", 5, "review", WEDNESDAY, "adjustment:A-1", MONDAY.plusSeconds(60), List.of(), 75);
        var ledger = twoLots().apply(credit);
        var late = TUESDAY.plus(LIFETIME).plusSeconds(1);

        assertThat(ledger.expiriesDueBy(CLIENT, late))
                .containsExactly(
                        new TimeBankLotExpired(CLIENT, "adjustment:A-1", 5, MONDAY.plusSeconds(60), 70),
                        new TimeBankLotExpired(CLIENT, "deposit:V-1", 40, MONDAY.plus(LIFETIME), 30),
                        new TimeBankLotExpired(CLIENT, "deposit:V-2", 30, TUESDAY.plus(LIFETIME), 0));
    }

    @Test
    @DisplayName("the next expiry is the earliest lot's, with every lot expiring at that same instant")
    void nextExpiry() {
        var sameMoment = TimeBankLedger.EMPTY
                .apply(deposit("V-1", 40, MONDAY, 40))
                .apply(deposit("V-2", 30, MONDAY, 70))
                .apply(deposit("V-3", 10, TUESDAY, 80));

        assertThat(sameMoment.nextExpiry()).contains(new NextExpiry(MONDAY.plus(LIFETIME), 70));
        assertThat(twoLots().nextExpiry()).contains(new NextExpiry(MONDAY.plus(LIFETIME), 40));
        assertThat(TimeBankLedger.EMPTY.nextExpiry()).isEmpty();
    }

    @Test
    @DisplayName("a council credit opens a lot that expires like a deposit; a debit spends the oldest lots first")
    void adjustments() {
        var credit = new TimeBankAdjusted(
                CLIENT, "A-1", 20, "review", WEDNESDAY, "adjustment:A-1", WEDNESDAY.plus(LIFETIME), List.of(), 90);
        var credited = twoLots().apply(credit);
        assertThat(credited.lots())
                .last()
                .isEqualTo(new Lot("adjustment:A-1", WEDNESDAY, WEDNESDAY.plus(LIFETIME), 20));
        assertThat(credited.adjusted()).isEqualTo(20);
        assertThat(credited.balance()).isEqualTo(90);

        var debit =
                new TimeBankAdjusted(CLIENT, "A-2", -45, "error", WEDNESDAY, null, null, credited.oldestFirst(45), 45);
        assertThat(debit.spentFrom()).containsExactly(new LotSpend("deposit:V-1", 40), new LotSpend("deposit:V-2", 5));
        var debited = credited.apply(debit);
        assertThat(debited.adjusted()).as("adjustments count signed").isEqualTo(-25);
        assertThat(debited.balance()).isEqualTo(45);
        assertThat(debited.lots()).extracting(Lot::remaining).containsExactly(25, 20);
    }

    @Test
    @DisplayName("each event reads as one move: its kind, signed minutes, when it took effect and the lots it touches")
    void moves() {
        var banked = TimeBankLedger.Move.of(deposit("V-1", 40, MONDAY, 40));
        assertThat(banked.kind()).isEqualTo(Kind.BANKED);
        assertThat(List.of(banked.minutes(), banked.counted(), banked.balanceAfter()))
                .containsExactly(40, 40, 40);
        assertThat(banked.opened()).isEqualTo(new Lot("deposit:V-1", MONDAY, MONDAY.plus(LIFETIME), 40));
        assertThat(banked.visitId()).isEqualTo("V-1");

        var spent = List.of(new LotSpend("deposit:V-1", 15));
        var drawn = TimeBankLedger.Move.of(drawn(15, TUESDAY, spent, 25));
        assertThat(List.of(drawn.kind(), drawn.at(), drawn.minutes(), drawn.counted(), drawn.spent(), drawn.note()))
                .containsExactly(Kind.DRAWN, TUESDAY, -15, 15, spent, "swimming");
        assertThat(drawn.opened()).isNull();

        var expired =
                TimeBankLedger.Move.of(new TimeBankLotExpired(CLIENT, "deposit:V-1", 25, MONDAY.plus(LIFETIME), 0));
        assertThat(List.of(expired.kind(), expired.at(), expired.minutes(), expired.counted(), expired.spent()))
                .containsExactly(
                        Kind.EXPIRED, MONDAY.plus(LIFETIME), -25, 25, List.of(new LotSpend("deposit:V-1", 25)));
        assertThat(expired.note()).isEqualTo("lot deposit:V-1");

        var debit = TimeBankLedger.Move.of(new TimeBankAdjusted(
                CLIENT, "A-2", -10, "error", WEDNESDAY, null, null, List.of(new LotSpend("deposit:V-1", 10)), 15));
        assertThat(List.of(debit.kind(), debit.minutes(), debit.counted(), debit.note()))
                .containsExactly(Kind.ADJUSTED, -10, -10, "error");
        assertThat(debit.opened()).isNull();

        assertThatThrownBy(() -> TimeBankLedger.Move.of("not an event")).isInstanceOf(IllegalArgumentException.class);
    }
}
