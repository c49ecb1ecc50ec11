package org.carebank.query.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLedger.Kind;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.carebank.query.testing.EventFeed;
import org.carebank.query.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The query side's two readings of a time bank agree with each other and with the rules (domain rules 6 and 7): the
 * live view the projection writes to its tables (fed as a processor feeds it, in batches) and the fold "as of" an
 * instant. Random valid histories, one per seed, as the command side records them: deposits, draw-downs and council
 * debits spent oldest lot first, council credits, and lots expiring whole at their expiry before the next command.
 * The expected bank is the test's own reading of those events. That the command side records only such histories is
 * {@code TimeBankAccountPropertyTest}'s, in command-side.
 *
 * <p>A failure names its seed; {@code -Dtimebank.seed=<seed>} replays that one history alone.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class TimeBankViewPropertyTest {

    private static final int SEEDS = 40;
    private static final int CAP = 600;
    private static final String CLIENT = "CL-PROPERTY";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Duration LIFETIME = Duration.ofDays(84);
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    @Parameter
    TestDatabase.Kind database;

    private EventFeed feed;
    private TimeBankRows rows;

    @BeforeEach
    void projection() {
        var jdbc = TestDatabase.shared(database);
        feed = new EventFeed(new TimeBankProjection(jdbc));
        rows = new TimeBankRows(jdbc);
    }

    @Test
    @DisplayName("40 + 30 banked, 50 drawn, the rest of the first lot expired, 20 credited, 25 debited: every figure")
    void workedExample() {
        var monday = Instant.parse("2026-11-23T12:00:00Z");
        var tuesday = monday.plus(Duration.ofDays(1));
        var credit = Instant.parse("2027-02-15T18:00:00Z"); // after the first lot expired, before the second
        var history = new Bank(0);
        feed.reset();
        history.deposit(40, monday);
        history.deposit(30, tuesday);
        history.draw(35, tuesday.plusSeconds(3600)); // 35 of the first lot: 5 left of it
        history.expireBy(monday.plus(LIFETIME)); // those 5, at the lot's expiry
        history.credit(20, credit);
        history.debit(25, credit.plusSeconds(60)); // from the second lot's 30 first: 5 left of it
        history.feedTo(feed);

        var view = live();
        assertThat(List.of(
                        view.balanceMinutes(),
                        view.bankedMinutes(),
                        view.drawnMinutes(),
                        view.expiredMinutes(),
                        view.adjustedMinutes()))
                .as("balance 70 - 35 - 5 + 20 - 25 = 25; banked, drawn, expired, adjusted")
                .containsExactly(25, 70, 35, 5, -5);
        assertThat(view.lots())
                .containsExactly(
                        new TimeBankView.Lot("deposit:V-1", tuesday, tuesday.plus(LIFETIME), 5),
                        new TimeBankView.Lot("adjustment:A-3", credit, credit.plus(LIFETIME), 20));
        assertThat(view.nextExpiry())
                .isEqualTo(new TimeBankView.NextExpiry(LocalDate.of(2027, 2, 16), tuesday.plus(LIFETIME), 5));
        assertThat(rows.lines(CLIENT))
                .extracting(LedgerLine::kind, LedgerLine::minutes, LedgerLine::balanceAfter)
                .containsExactly(
                        tuple(Kind.BANKED, 40, 40),
                        tuple(Kind.BANKED, 30, 70),
                        tuple(Kind.DRAWN, -35, 35),
                        tuple(Kind.EXPIRED, -5, 30),
                        tuple(Kind.ADJUSTED, 20, 50),
                        tuple(Kind.ADJUSTED, -25, 25));
        assertThat(asOf(history, monday.plus(LIFETIME).minusNanos(1)).balanceMinutes())
                .as("a nanosecond before the first lot's expiry its 5 minutes are still there")
                .isEqualTo(35);
        assertThat(asOf(history, monday.plus(LIFETIME)).balanceMinutes())
                .as("at the very instant of expiry they are gone")
                .isEqualTo(30);
        assertThat(asOf(history, monday.minusNanos(1)).balanceMinutes()).isZero();
    }

    @Test
    @DisplayName(
            "random histories: the live view, the ledger lines and the fold as of every instant show the same bank")
    void randomHistories() {
        Long only = Long.getLong("timebank.seed");
        LongStream seeds = only != null ? LongStream.of(only) : LongStream.rangeClosed(1, SEEDS);
        seeds.forEach(this::play);
    }

    private void play(long seed) {
        var random = new Random(seed);
        var bank = new Bank(seed);
        feed.reset();
        Instant now = START;
        int steps = 20 + random.nextInt(41);
        for (int step = 1; step <= steps; step++) {
            now = now.plus(
                    random.nextInt(100) < 70
                            ? Duration.ofHours(1 + random.nextInt(72))
                            : Duration.ofDays(1 + random.nextInt(45)));
            bank.expireBy(now);
            int roll = random.nextInt(100);
            if (roll < 40 && bank.balance() < CAP) {
                bank.deposit(1 + random.nextInt(Math.min(120, CAP - bank.balance())), now);
            } else if (roll < 65 && bank.balance() > 0) {
                bank.draw(1 + random.nextInt(bank.balance()), now);
            } else if (roll < 80 && bank.balance() < CAP) {
                bank.credit(1 + random.nextInt(CAP - bank.balance()), now);
            } else if (bank.balance() > 0) {
                bank.debit(1 + random.nextInt(bank.balance()), now);
            }
            if (random.nextInt(100) < 40) {
                bank.feedTo(feed); // batches of any size, as a processor hands them over
                expectSameBank(bank, "seed " + seed + ", step " + step);
            }
        }
        bank.expireBy(now.plus(LIFETIME).plus(Duration.ofDays(1)));
        bank.feedTo(feed);
        String where = "seed " + seed + ", every lot expired";
        expectSameBank(bank, where);
        assertThat(live().balanceMinutes()).as(where).isZero();
        assertThat(live().lots()).as(where).isEmpty();
        for (var event : bank.events) {
            Instant at = bank.effectiveAt(event);
            assertThat(asOf(bank, at).balanceMinutes())
                    .as("seed %d: balance as of %s", seed, at)
                    .isEqualTo(bank.balanceAsOf(at));
            assertThat(asOf(bank, at.minusNanos(1)).balanceMinutes())
                    .as("seed %d: balance a nanosecond before %s", seed, at)
                    .isEqualTo(bank.balanceAsOf(at.minusNanos(1)));
        }
    }

    private void expectSameBank(Bank bank, String where) {
        if (bank.events.isEmpty()) {
            assertThat(rows.ledger(CLIENT)).as(where + ": no bank yet").isEmpty();
            return;
        }
        var live = live();
        var folded = asOf(bank, null);
        assertThat(folded).as(where + ": the fold shows the live view").isEqualTo(live);
        assertThat(List.of(
                        live.balanceMinutes(),
                        live.bankedMinutes(),
                        live.drawnMinutes(),
                        live.expiredMinutes(),
                        live.adjustedMinutes()))
                .as(where + ": balance and totals")
                .isEqualTo(List.of(bank.balance(), bank.banked, bank.drawn, bank.expired, bank.adjusted));
        assertThat(live.lots()).as(where + ": open lots, oldest first").isEqualTo(bank.openLots());
        assertThat(live.nextExpiry()).as(where + ": next expiry").isEqualTo(bank.nextExpiry());
        var lines = rows.lines(CLIENT);
        assertThat(lines)
                .as(where + ": ledger lines")
                .isEqualTo(history(bank, null).ledger());
        assertThat(lines)
                .extracting(LedgerLine::balanceAfter)
                .as(where + ": balance after each line")
                .isEqualTo(bank.balancesAfter);
        assertThat(lines).extracting(LedgerLine::recordedBy).containsOnly("coordinator");
    }

    private TimeBankView live() {
        return TimeBankView.of(CLIENT, rows.ledger(CLIENT).orElseThrow(), CAP, LONDON, null);
    }

    private static TimeBankView asOf(Bank bank, Instant asOf) {
        return history(bank, asOf).view(CAP, LONDON, asOf);
    }

    private static TimeBankHistory history(Bank bank, Instant asOf) {
        var history = new TimeBankHistory(CLIENT);
        bank.events.forEach(event -> history.add(event, "coordinator", asOf));
        return history;
    }

    /**
     * One client's bank as the test reads the rules, recording the events the command side would: the oracle. Its lots
     * are mutable and kept apart from the code under test.
     */
    private static final class Bank {

        private static final class Lot {
            final String lotId;
            final Instant bankedAt;
            final Instant expiresAt;
            int remaining;

            Lot(String lotId, Instant bankedAt, int minutes) {
                this.lotId = lotId;
                this.bankedAt = bankedAt;
                this.expiresAt = bankedAt.plus(LIFETIME);
                this.remaining = minutes;
            }
        }

        final long seed;
        final List<Object> events = new ArrayList<>();
        final List<Integer> balancesAfter = new ArrayList<>();
        final Map<String, Lot> lots = new LinkedHashMap<>();
        int banked;
        int drawn;
        int expired;
        int adjusted;
        private int fed;
        private int nextId;

        Bank(long seed) {
            this.seed = seed;
        }

        int balance() {
            return banked - drawn - expired + adjusted;
        }

        void deposit(int minutes, Instant at) {
            String visitId = "V-" + nextId++;
            var lot = new Lot("deposit:" + visitId, at, minutes);
            lots.put(lot.lotId, lot);
            banked += minutes;
            record(new UnusedTimeBanked(
                    CLIENT, lot.lotId, visitId, "alpha", minutes, "client", at, lot.expiresAt, balance()));
        }

        void draw(int minutes, Instant at) {
            var spent = takeOldestFirst(minutes);
            drawn += minutes;
            record(new TimeDrawnDown(CLIENT, "W-" + nextId++, minutes, "swimming", null, at, spent, balance()));
        }

        void credit(int minutes, Instant at) {
            String adjustmentId = "A-" + nextId++;
            var lot = new Lot("adjustment:" + adjustmentId, at, minutes);
            lots.put(lot.lotId, lot);
            adjusted += minutes;
            record(new TimeBankAdjusted(
                    CLIENT, adjustmentId, minutes, "review", at, lot.lotId, lot.expiresAt, List.of(), balance()));
        }

        void debit(int minutes, Instant at) {
            var spent = takeOldestFirst(minutes);
            adjusted -= minutes;
            record(new TimeBankAdjusted(
                    CLIENT, "A-" + nextId++, -minutes, "correction", at, null, null, spent, balance()));
        }

        /** What is left of each lot due by {@code now} expires, at the lot's own expiry, oldest expiry first. */
        void expireBy(Instant now) {
            for (var lot : lots.values().stream()
                    .filter(lot -> lot.remaining > 0 && !lot.expiresAt.isAfter(now))
                    .sorted(Comparator.comparing((Lot lot) -> lot.expiresAt))
                    .toList()) {
                int minutes = lot.remaining;
                lot.remaining = 0;
                expired += minutes;
                record(new TimeBankLotExpired(CLIENT, lot.lotId, minutes, lot.expiresAt, balance()));
            }
        }

        private List<LotSpend> takeOldestFirst(int minutes) {
            var spent = new ArrayList<LotSpend>();
            int left = minutes;
            for (var lot : lots.values()) {
                int take = Math.min(left, lot.remaining);
                if (take > 0) {
                    lot.remaining -= take;
                    left -= take;
                    spent.add(new LotSpend(lot.lotId, take));
                }
            }
            assertThat(left)
                    .as("seed %d: the generator spends only what the bank holds", seed)
                    .isZero();
            return spent;
        }

        private void record(Object event) {
            events.add(event);
            balancesAfter.add(balance());
        }

        /** Hands the events recorded since the last call to the projection, as one batch. */
        void feedTo(EventFeed feed) {
            if (fed == events.size()) {
                return;
            }
            feed.givenStream(
                    StreamIds.timeBank(CLIENT),
                    fed,
                    Map.of(Caller.PRINCIPAL, "coordinator"),
                    events.subList(fed, events.size()).toArray());
            fed = events.size();
        }

        List<TimeBankView.Lot> openLots() {
            return lots.values().stream()
                    .filter(lot -> lot.remaining > 0)
                    .map(lot -> new TimeBankView.Lot(lot.lotId, lot.bankedAt, lot.expiresAt, lot.remaining))
                    .toList();
        }

        TimeBankView.NextExpiry nextExpiry() {
            var open = openLots();
            return open.stream()
                    .map(TimeBankView.Lot::expiresAt)
                    .min(Comparator.naturalOrder())
                    .map(at -> new TimeBankView.NextExpiry(
                            at.atZone(LONDON).toLocalDate(),
                            at,
                            open.stream()
                                    .filter(lot -> lot.expiresAt().equals(at))
                                    .mapToInt(TimeBankView.Lot::remainingMinutes)
                                    .sum()))
                    .orElse(null);
        }

        Instant effectiveAt(Object event) {
            if (event instanceof UnusedTimeBanked e) {
                return e.bankedAt();
            }
            if (event instanceof TimeDrawnDown e) {
                return e.drawnAt();
            }
            if (event instanceof TimeBankLotExpired e) {
                return e.expiredAt();
            }
            return ((TimeBankAdjusted) event).adjustedAt();
        }

        /** The balance after the last event that took effect by {@code at}: the events are in effective order. */
        int balanceAsOf(Instant at) {
            int balance = 0;
            for (int i = 0; i < events.size(); i++) {
                if (effectiveAt(events.get(i)).isAfter(at)) {
                    break;
                }
                balance = balancesAfter.get(i);
            }
            return balance;
        }
    }
}
