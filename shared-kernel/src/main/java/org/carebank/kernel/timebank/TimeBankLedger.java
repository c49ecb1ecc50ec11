package org.carebank.kernel.timebank;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A client's time bank as lots of minutes, oldest first, and the totals: the one place the lot arithmetic of domain
 * rules 6 and 7 is written. The aggregate decides on it, the query side folds it "as of" any instant and writes its
 * changes ({@link Move}) to its tables, and the performance view attributes what a move spent. Immutable and pure (no
 * clock, no framework), so each of them folds the very same history into the very same bank.
 *
 * <p>The invariant: balance = banked − drawn − expired + adjusted = the sum of the open lots' remaining minutes. A lot
 * spent to nothing is dropped, so the ledger holds only open lots, in the order they were banked.
 */
public record TimeBankLedger(List<Lot> lots, int banked, int drawn, int expired, int adjusted) {

    public static final TimeBankLedger EMPTY = new TimeBankLedger(List.of(), 0, 0, 0, 0);

    public TimeBankLedger {
        lots = List.copyOf(lots);
    }

    /** Minutes banked together (a deposit, or a council credit), spent oldest first, and expiring together. */
    public record Lot(String lotId, Instant bankedAt, Instant expiresAt, int remaining) {

        Lot less(int minutes) {
            return new Lot(lotId, bankedAt, expiresAt, remaining - minutes);
        }
    }

    /** The next moment lots expire, and the minutes they will take then (all lots expiring at that instant). */
    public record NextExpiry(Instant at, int minutes) {}

    /** The kinds of change to a bank; each counts in the total of the same name. */
    public enum Kind {
        BANKED,
        DRAWN,
        EXPIRED,
        ADJUSTED
    }

    /**
     * What one recorded event does to a bank: {@code minutes} is the signed change of the balance, {@code at} when it
     * took effect (an expiry's at the lot's expiry, not when it was noticed), {@code opened} the lot it opens (a
     * deposit or a council credit), {@code spent} the lots it takes minutes from, oldest first. {@code visitId} and
     * {@code note} (a draw-down's purpose, an adjustment's reason, the expired lot) are for the ledger's lines.
     */
    public record Move(
            Kind kind,
            Instant at,
            int minutes,
            Lot opened,
            List<LotSpend> spent,
            int balanceAfter,
            String visitId,
            String note) {

        public Move {
            spent = List.copyOf(spent);
        }

        /** The move an event makes; the one reading of the four time bank events. */
        public static Move of(Object event) {
            if (event instanceof UnusedTimeBanked e) {
                return new Move(
                        Kind.BANKED,
                        e.bankedAt(),
                        e.minutes(),
                        new Lot(e.lotId(), e.bankedAt(), e.expiresAt(), e.minutes()),
                        List.of(),
                        e.balanceAfter(),
                        e.visitId(),
                        null);
            }
            if (event instanceof TimeDrawnDown e) {
                return new Move(
                        Kind.DRAWN,
                        e.drawnAt(),
                        -e.minutes(),
                        null,
                        e.spentFrom(),
                        e.balanceAfter(),
                        e.visitId(),
                        e.purpose());
            }
            if (event instanceof TimeBankLotExpired e) {
                return new Move(
                        Kind.EXPIRED,
                        e.expiredAt(),
                        -e.minutes(),
                        null,
                        List.of(new LotSpend(e.lotId(), e.minutes())),
                        e.balanceAfter(),
                        null,
                        "lot " + e.lotId());
            }
            if (event instanceof TimeBankAdjusted e) {
                Lot opened = e.lotId() == null ? null : new Lot(e.lotId(), e.adjustedAt(), e.expiresAt(), e.minutes());
                return new Move(
                        Kind.ADJUSTED,
                        e.adjustedAt(),
                        e.minutes(),
                        opened,
                        opened == null ? e.spentFrom() : List.<LotSpend>of(),
                        e.balanceAfter(),
                        null,
                        e.reason());
            }
            throw new IllegalArgumentException("not a time bank event: " + event);
        }

        /** What the move adds to the total of its kind: the minutes moved, signed only for adjustments. */
        public int counted() {
            return kind == Kind.ADJUSTED ? minutes : Math.abs(minutes);
        }
    }

    // ---- reading ----

    public int balance() {
        return banked - drawn - expired + adjusted;
    }

    /** The minutes a credit may still add under {@code capMinutes} (rule 6); negative if an earlier cap was higher. */
    public int headroom(int capMinutes) {
        return capMinutes - balance();
    }

    /**
     * What a withdrawal (or a council debit) of {@code minutes} would take: the oldest lots first (rule 7). Refuses
     * more than the balance: the caller decides on that first.
     */
    public List<LotSpend> oldestFirst(int minutes) {
        if (minutes < 0 || minutes > balance()) {
            throw new IllegalArgumentException(minutes + " minutes from a balance of " + balance());
        }
        var spends = new ArrayList<LotSpend>();
        int left = minutes;
        for (Lot lot : lots) {
            if (left == 0) {
                break;
            }
            int take = Math.min(left, lot.remaining());
            spends.add(new LotSpend(lot.lotId(), take));
            left -= take;
        }
        return spends;
    }

    /**
     * The lots whose expiry has come by {@code now} (expiring exactly at {@code now} included), each expiring whole at
     * its own expiry, oldest expiry first, with the balance after each: the events that record them.
     */
    public List<TimeBankLotExpired> expiriesDueBy(String clientRef, Instant now) {
        var events = new ArrayList<TimeBankLotExpired>();
        int after = balance();
        for (Lot lot : lots.stream()
                .filter(lot -> !lot.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Lot::expiresAt))
                .toList()) {
            after -= lot.remaining();
            events.add(new TimeBankLotExpired(clientRef, lot.lotId(), lot.remaining(), lot.expiresAt(), after));
        }
        return events;
    }

    public Optional<NextExpiry> nextExpiry() {
        return lots.stream()
                .map(Lot::expiresAt)
                .min(Comparator.naturalOrder())
                .map(at -> new NextExpiry(
                        at,
                        lots.stream()
                                .filter(lot -> lot.expiresAt().equals(at))
                                .mapToInt(Lot::remaining)
                                .sum()));
    }

    // ---- changing: each returns the ledger after the change ----

    /** After one recorded event. */
    public TimeBankLedger apply(Object event) {
        return apply(Move.of(event));
    }

    public TimeBankLedger apply(Move move) {
        List<Lot> after = move.spent().isEmpty() ? lots : spend(move.spent());
        if (move.opened() != null && move.opened().remaining() > 0) {
            after = appended(after, move.opened());
        }
        int counted = move.counted();
        return switch (move.kind()) {
            case BANKED -> new TimeBankLedger(after, banked + counted, drawn, expired, adjusted);
            case DRAWN -> new TimeBankLedger(after, banked, drawn + counted, expired, adjusted);
            case EXPIRED -> new TimeBankLedger(after, banked, drawn, expired + counted, adjusted);
            case ADJUSTED -> new TimeBankLedger(after, banked, drawn, expired, adjusted + counted);
        };
    }

    /**
     * The lots after taking {@code spends} from them; a lot spent to nothing is dropped. Built as an immutable list
     * once, so the canonical constructor's copy costs nothing: the aggregate applies every event of a bank on load.
     */
    private List<Lot> spend(List<LotSpend> spends) {
        var after = new Lot[lots.size()];
        int size = 0;
        for (Lot lot : lots) {
            int taken = 0;
            for (int i = 0; i < spends.size(); i++) {
                LotSpend spend = spends.get(i);
                if (spend.lotId().equals(lot.lotId())) {
                    taken += spend.minutes();
                }
            }
            if (lot.remaining() > taken) {
                after[size++] = taken == 0 ? lot : lot.less(taken);
            }
        }
        return List.of(size == after.length ? after : java.util.Arrays.copyOf(after, size));
    }

    private static List<Lot> appended(List<Lot> lots, Lot lot) {
        var after = lots.toArray(new Lot[lots.size() + 1]);
        after[lots.size()] = lot;
        return List.of(after);
    }
}
