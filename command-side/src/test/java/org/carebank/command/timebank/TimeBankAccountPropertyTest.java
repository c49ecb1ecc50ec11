package org.carebank.command.timebank;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.carebank.command.lookup.BankableVisit;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLedger;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random time bank histories (domain rules 5 to 7), one per seed: deposits of random visits, withdrawals, council
 * adjustments, retries, and time passing so that lots expire, by their deadline (on time, late or in any order) or by
 * the next command. Each command is decided on {@link TimeBankAccount} exactly as the {@code TimeBank} aggregate does:
 * loaded from the recorded events, the due lots expired first, then the decision; a refusal records nothing, not even
 * the expiries.
 *
 * <p>After every step the bank keeps its invariants (balance = banked − drawn − expired + adjusted = the open lots'
 * remaining minutes, within [0, cap]) and every decision agrees with an independent reading of the rules (a refusal
 * only for a rule the command breaks, FIFO spending, whole-lot expiry at the lot's expiry). That the query side folds
 * such histories into the same bank is {@code TimeBankViewPropertyTest}'s, in query-side.
 *
 * <p>A failure names its seed; {@code -Dtimebank.seed=<seed>} replays that one history alone.
 */
class TimeBankAccountPropertyTest {

    private static final int SEEDS = 500;
    private static final String CLIENT = "CL-PROPERTY";
    private static final String PROVIDER = "P-ALPHA";
    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    /** Every outcome the generator is meant to reach across the seeds, so a weaker generator cannot pass unnoticed. */
    private static final Set<String> EXPECTED_OUTCOMES = Set.of(
            "deposit recorded",
            "deposit repeated",
            "withdrawal recorded",
            "withdrawal repeated",
            "credit recorded",
            "debit recorded",
            "adjustment repeated",
            "expired by a deadline",
            "expired by a late deadline",
            "expired by a command",
            "refused consent-required",
            "refused not-unused-time",
            "refused time-banking-off",
            "refused banking-window-closed",
            "refused already-banked",
            "refused time-bank-cap-exceeded",
            "refused insufficient-time-bank-balance",
            "refused withdrawal-id-reused",
            "refused adjustment-id-reused",
            "refused empty-adjustment");

    @Test
    @DisplayName("random histories keep the time bank rules: every decision as an independent reading of them expects")
    void randomHistoriesKeepTheRules() {
        Long only = Long.getLong("timebank.seed");
        var outcomes = new TreeMap<String, Integer>();
        LongStream seeds = only != null ? LongStream.of(only) : LongStream.rangeClosed(1, SEEDS);
        seeds.forEach(seed -> new Run(seed, outcomes).play());
        if (only == null) {
            assertThat(outcomes.keySet())
                    .as("outcomes reached over %d seeds: %s", SEEDS, outcomes)
                    .containsAll(EXPECTED_OUTCOMES);
        }
    }

    /** One lot as every side shows it. */
    private record LotView(String lotId, Instant bankedAt, Instant expiresAt, int remaining) {}

    /** One seeded history. */
    private static final class Run {

        private final long seed;
        private final Random random;
        private final TimeBankRules rules;
        private final Map<String, Integer> outcomes;

        private final List<Object> recorded = new ArrayList<>();
        private final Map<String, BankableVisit> visits = new LinkedHashMap<>();
        private final List<LotExpiryDue> deadlines = new ArrayList<>();
        /** Deadlines whose moment passed while the service was down: they fire late, after commands may have run. */
        private final Set<LotExpiryDue> overdue = new HashSet<>();

        private Instant now = START;
        private int step;
        private String op = "start";
        private int nextId;

        Run(long seed, Map<String, Integer> outcomes) {
            this.seed = seed;
            this.random = new Random(seed);
            this.outcomes = outcomes;
            this.rules = seed % 3 == 0
                    ? TimeBankRules.defaults()
                    : new TimeBankRules(60 + random.nextInt(541), Duration.ofDays(84), Duration.ofDays(7));
        }

        private String where() {
            return "seed " + seed + " (cap " + rules.capMinutes() + "), step " + step + " at " + now + ": " + op;
        }

        private void count(String outcome) {
            outcomes.merge(outcome, 1, Integer::sum);
        }

        void play() {
            try {
                playSteps();
            } catch (RuntimeException unexpected) {
                throw new AssertionError(where() + ": " + unexpected, unexpected);
            }
        }

        private void playSteps() {
            int steps = 30 + random.nextInt(31);
            for (step = 1; step <= steps; step++) {
                int roll = random.nextInt(100);
                if (roll < 35) {
                    deposit();
                } else if (roll < 60) {
                    withdraw();
                } else if (roll < 75) {
                    adjust();
                } else {
                    advance();
                }
                checkInvariants();
            }
            // Long after the last lot's expiry, with every deadline fired, nothing is left.
            step++;
            op = "every lot's expiry has passed";
            now = now.plus(rules.lotLifetime()).plus(Duration.ofDays(1));
            fireDueDeadlines(false);
            checkInvariants();
            assertThat(load().balance()).as(where()).isZero();
            assertThat(load().ledger().lots()).as(where()).isEmpty();
        }

        // ---- operations ----

        private void deposit() {
            var ledger = fold(recorded);
            BankableVisit visit;
            int minutes;
            if (!ledger.deposits.isEmpty() && random.nextInt(100) < 15) {
                var earlier = pick(new ArrayList<>(ledger.deposits.values()));
                visit = visits.get(earlier.visitId());
                minutes = random.nextBoolean() ? earlier.minutes() : earlier.minutes() + 1 + random.nextInt(5);
            } else {
                visit = newVisit();
                minutes = random.nextInt(100) < 85
                        ? 1 + random.nextInt(Math.max(1, visit.unusedMinutes()))
                        : visit.unusedMinutes() + 1 + random.nextInt(10);
            }
            int consentRoll = random.nextInt(100);
            String consent = consentRoll < 95 ? "client" : consentRoll < 98 ? " " : null;
            op = "deposit " + minutes + " of " + visit + " with consent " + consent;

            var decision = decide(account -> account.isRepeatOfDeposit(visit.visitId(), minutes, consent)
                    ? null
                    : account.deposit(CLIENT, visit, minutes, consent, now, rules));

            var earlier = decision.ledger.deposits.get(visit.visitId());
            int before = decision.balanceBefore();
            if (earlier != null
                    && earlier.minutes() == minutes
                    && java.util.Objects.equals(earlier.consentBy(), consent)) {
                expectRepeat(decision, "deposit repeated");
                return;
            }
            Set<String> broken = new HashSet<>();
            if (earlier != null) {
                broken.add("already-banked");
            }
            if (consent == null || consent.isBlank()) {
                broken.add("consent-required");
            }
            if (!visit.delivered()
                    || !visit.endedEarlyAtClientRequest()
                    || visit.unusedMinutes() <= 0
                    || minutes > visit.unusedMinutes()) {
                broken.add("not-unused-time");
            }
            if (!visit.timeBanking()) {
                broken.add("time-banking-off");
            }
            if (visit.endedAt() != null && now.isAfter(visit.endedAt().plus(rules.bankingWindow()))) {
                broken.add("banking-window-closed");
            }
            if (minutes > rules.capMinutes() - before) {
                broken.add("time-bank-cap-exceeded");
            }
            var expected = new UnusedTimeBanked(
                    CLIENT,
                    "deposit:" + visit.visitId(),
                    visit.visitId(),
                    visit.providerId(),
                    minutes,
                    consent,
                    now,
                    now.plus(rules.lotLifetime()),
                    before + minutes);
            expectOutcome(decision, broken, expected, "deposit recorded");
            if (decision.refusal() != null) {
                var refusal = decision.refusal();
                switch (refusal.type()) {
                    case "time-bank-cap-exceeded" ->
                        assertThat(refusal.properties())
                                .as(where())
                                .containsEntry("headroomMinutes", rules.capMinutes() - before)
                                .containsEntry("balanceMinutes", before);
                    case "not-unused-time" ->
                        assertThat(refusal.properties())
                                .as(where())
                                .containsEntry("unusedMinutes", visit.delivered() ? visit.unusedMinutes() : 0);
                    case "already-banked" ->
                        assertThat(refusal.properties()).as(where()).containsEntry("bankedMinutes", earlier.minutes());
                    default -> {}
                }
            }
        }

        private BankableVisit newVisit() {
            String visitId = "V-" + nextId++;
            boolean delivered = random.nextInt(100) < 92;
            boolean endedEarly = delivered && random.nextInt(100) < 90;
            int unused = endedEarly ? 1 + random.nextInt(120) : 0;
            Instant endedAt = delivered ? now.minus(Duration.ofHours(random.nextInt(9 * 24))) : null;
            boolean timeBanking = random.nextInt(100) < 92;
            var visit =
                    new BankableVisit(visitId, CLIENT, PROVIDER, delivered, endedEarly, unused, endedAt, timeBanking);
            visits.put(visitId, visit);
            return visit;
        }

        private void withdraw() {
            var ledger = fold(recorded);
            String withdrawalId;
            int minutes;
            String purpose;
            String visitId;
            if (!ledger.withdrawals.isEmpty() && random.nextInt(100) < 12) {
                var earlier = pick(new ArrayList<>(ledger.withdrawals.values()));
                withdrawalId = earlier.withdrawalId();
                int variant = random.nextInt(4);
                minutes = variant == 1 ? earlier.minutes() + 1 : earlier.minutes();
                purpose = variant == 2 ? earlier.purpose() + " (changed)" : earlier.purpose();
                visitId = variant == 3 ? "V-OTHER-" + random.nextInt(10) : earlier.visitId();
            } else {
                withdrawalId = "W-" + nextId++;
                minutes = minutesAround(ledger.balance());
                purpose = "activity " + random.nextInt(3);
                visitId = random.nextBoolean() ? null : "V-FLEX-" + random.nextInt(10);
            }
            op = "withdraw " + minutes + " as " + withdrawalId + " for " + purpose;

            var decision = decide(account -> account.withdraw(CLIENT, withdrawalId, minutes, purpose, visitId, now));

            var earlier = decision.ledger.withdrawals.get(withdrawalId);
            int before = decision.balanceBefore();
            if (earlier != null) {
                if (earlier.minutes() == minutes
                        && earlier.purpose().equals(purpose)
                        && java.util.Objects.equals(earlier.visitId(), visitId)) {
                    expectRepeat(decision, "withdrawal repeated");
                } else {
                    expectOutcome(decision, Set.of("withdrawal-id-reused"), null, null);
                }
                return;
            }
            Set<String> broken = minutes > before ? Set.of("insufficient-time-bank-balance") : Set.of();
            var expected = new TimeDrawnDown(
                    CLIENT,
                    withdrawalId,
                    minutes,
                    purpose,
                    visitId,
                    now,
                    broken.isEmpty() ? decision.ledger.oldestFirst(minutes) : List.of(),
                    before - minutes);
            expectOutcome(decision, broken, expected, "withdrawal recorded");
            expectBalanceInRefusal(decision, before);
        }

        private void adjust() {
            var ledger = fold(recorded);
            String adjustmentId;
            int minutes;
            String reason;
            if (!ledger.adjustments.isEmpty() && random.nextInt(100) < 10) {
                var earlier = pick(new ArrayList<>(ledger.adjustments.values()));
                adjustmentId = earlier.adjustmentId();
                int variant = random.nextInt(3);
                minutes = variant == 1 ? earlier.minutes() - 1 : earlier.minutes();
                reason = variant == 2 ? earlier.reason() + " (changed)" : earlier.reason();
            } else {
                adjustmentId = "A-" + nextId++;
                int roll = random.nextInt(100);
                minutes = roll < 8 ? 0 : roll < 54 ? 1 + random.nextInt(150) : -minutesAround(ledger.balance());
                reason = "council review " + random.nextInt(3);
            }
            op = "adjust " + minutes + " as " + adjustmentId + " for " + reason;

            var decision = decide(account -> account.adjust(CLIENT, adjustmentId, minutes, reason, now, rules));

            var earlier = decision.ledger.adjustments.get(adjustmentId);
            int before = decision.balanceBefore();
            if (earlier != null) {
                if (earlier.minutes() == minutes && earlier.reason().equals(reason)) {
                    expectRepeat(decision, "adjustment repeated");
                } else {
                    expectOutcome(decision, Set.of("adjustment-id-reused"), null, null);
                }
                return;
            }
            if (minutes == 0) {
                expectOutcome(decision, Set.of("empty-adjustment"), null, null);
            } else if (minutes > 0) {
                Set<String> broken =
                        minutes > rules.capMinutes() - before ? Set.of("time-bank-cap-exceeded") : Set.of();
                var expected = new TimeBankAdjusted(
                        CLIENT,
                        adjustmentId,
                        minutes,
                        reason,
                        now,
                        "adjustment:" + adjustmentId,
                        now.plus(rules.lotLifetime()),
                        List.of(),
                        before + minutes);
                expectOutcome(decision, broken, expected, "credit recorded");
                if (decision.refusal() != null) {
                    assertThat(decision.refusal().properties())
                            .as(where())
                            .containsEntry("headroomMinutes", rules.capMinutes() - before);
                }
            } else {
                Set<String> broken = -minutes > before ? Set.of("insufficient-time-bank-balance") : Set.of();
                var expected = new TimeBankAdjusted(
                        CLIENT,
                        adjustmentId,
                        minutes,
                        reason,
                        now,
                        null,
                        null,
                        broken.isEmpty() ? decision.ledger.oldestFirst(-minutes) : List.of(),
                        before + minutes);
                expectOutcome(decision, broken, expected, "debit recorded");
                expectBalanceInRefusal(decision, before);
            }
        }

        /** Mostly within the balance, sometimes past it. */
        private int minutesAround(int balance) {
            return random.nextInt(100) < 75 && balance > 0
                    ? 1 + random.nextInt(balance)
                    : balance + 1 + random.nextInt(60);
        }

        /** Time passes; the deadlines due by then fire on time, or late (the service was down), in any order. */
        private void advance() {
            Duration by = random.nextInt(100) < 60
                    ? Duration.ofHours(1 + random.nextInt(72))
                    : Duration.ofDays(1 + random.nextInt(45));
            now = now.plus(by);
            op = "time advances by " + by;
            if (random.nextInt(100) < 65) {
                fireDueDeadlines(random.nextInt(100) < 30);
            } else {
                deadlines.stream().filter(d -> !d.expiresAt().isAfter(now)).forEach(overdue::add);
            }
        }

        private void fireDueDeadlines(boolean anyOrder) {
            var due = new ArrayList<>(deadlines.stream()
                    .filter(d -> !d.expiresAt().isAfter(now))
                    .sorted(Comparator.comparing(LotExpiryDue::expiresAt))
                    .toList());
            deadlines.removeAll(due);
            if (anyOrder) {
                Collections.shuffle(due, random);
            }
            for (var deadline : due) {
                // TimeBank's deadline handler: expire what is due by the lot's own expiry, whenever it fires.
                var account = load();
                var expiries = account.dueExpiries(CLIENT, deadline.expiresAt());
                var ledger = fold(recorded);
                expectExpiries(ledger, expiries, deadline.expiresAt());
                record(expiries);
                boolean late = overdue.remove(deadline);
                if (!expiries.isEmpty()) {
                    count(late ? "expired by a late deadline" : "expired by a deadline");
                }
            }
        }

        // ---- deciding as the aggregate does ----

        /**
         * What the account decided for one command: an event, a repeat (no event) or a refusal, on the balance left
         * after the due lots expired; with the test's own ledger as it stood then.
         */
        private record Decision(Ledger ledger, int balanceBefore, Object event, Refusal refusal) {}

        /** Loads the account from the recorded events, expires the due lots, then decides; a refusal records nothing. */
        private Decision decide(Function<TimeBankAccount, Object> decide) {
            var account = load();
            var expiries = account.dueExpiries(CLIENT, now);
            expiries.forEach(account::apply);
            int before = account.balance();
            Object event = null;
            Refusal refusal = null;
            try {
                event = decide.apply(account);
            } catch (CommandRefusedException refused) {
                refusal = refused.refusal();
            }
            var ledger = fold(recorded);
            expectExpiries(ledger, expiries, now);
            assertThat(ledger.balance()).as(where()).isEqualTo(before);
            if (refusal == null) {
                if (!expiries.isEmpty()) {
                    count("expired by a command");
                }
                record(expiries);
                if (event != null) {
                    record(List.of(event));
                }
            }
            return new Decision(ledger, before, event, refusal);
        }

        private void expectRepeat(Decision decision, String outcome) {
            assertThat(decision.refusal()).as(where()).isNull();
            assertThat(decision.event()).as(where()).isNull();
            count(outcome);
        }

        /** Refused for one of the rules the command breaks, or recorded as expected when it breaks none. */
        private void expectOutcome(Decision decision, Set<String> broken, Object expected, String outcome) {
            var refusal = decision.refusal();
            if (broken.isEmpty()) {
                assertThat(refusal).as(where()).isNull();
                assertThat(decision.event()).as(where()).isEqualTo(expected);
                count(outcome);
            } else {
                assertThat(refusal)
                        .as(where() + ": expected a refusal for one of " + broken)
                        .isNotNull();
                assertThat(broken)
                        .as(where() + ": refused with " + refusal.type())
                        .contains(refusal.type());
                count("refused " + refusal.type());
            }
        }

        private void expectBalanceInRefusal(Decision decision, int before) {
            if (decision.refusal() != null && decision.refusal().type().equals("insufficient-time-bank-balance")) {
                assertThat(decision.refusal().properties()).as(where()).containsEntry("balanceMinutes", before);
            }
        }

        /** The due lots expire whole, at their own expiry, oldest expiry first, and no other lot does. */
        private void expectExpiries(Ledger ledger, List<TimeBankLotExpired> expiries, Instant at) {
            var expected = new ArrayList<TimeBankLotExpired>();
            int balance = ledger.balance();
            for (var lot : ledger.lots.values().stream()
                    .filter(lot -> lot.remaining > 0 && !lot.expiresAt.isAfter(at))
                    .sorted(Comparator.comparing((MutableLot lot) -> lot.expiresAt))
                    .toList()) {
                balance -= lot.remaining;
                expected.add(new TimeBankLotExpired(CLIENT, lot.lotId, lot.remaining, lot.expiresAt, balance));
            }
            assertThat(expiries).as(where() + ": expiries due by " + at).isEqualTo(expected);
            expiries.forEach(ledger::apply);
        }

        private void record(List<?> events) {
            for (Object event : events) {
                recorded.add(event);
                if (event instanceof UnusedTimeBanked e) {
                    deadlines.add(new LotExpiryDue(e.lotId(), e.expiresAt()));
                } else if (event instanceof TimeBankAdjusted e && e.lotId() != null) {
                    deadlines.add(new LotExpiryDue(e.lotId(), e.expiresAt()));
                }
            }
        }

        private TimeBankAccount load() {
            var account = new TimeBankAccount();
            recorded.forEach(account::apply);
            return account;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        // ---- invariants ----

        private void checkInvariants() {
            var account = load().ledger();
            var ledger = fold(recorded); // checks every event against the lots as it folds them
            int balance = account.balance();
            assertThat(balance)
                    .as(where() + ": balance = banked - drawn - expired + adjusted")
                    .isEqualTo(account.banked() - account.drawn() - account.expired() + account.adjusted());
            assertThat(balance).as(where() + ": 0 <= balance <= cap").isBetween(0, rules.capMinutes());
            assertThat(account.lots().stream()
                            .mapToInt(TimeBankLedger.Lot::remaining)
                            .sum())
                    .as(where() + ": balance = sum of open lots")
                    .isEqualTo(balance);
            assertThat(account.lots()).as(where()).allMatch(lot -> lot.remaining() > 0);
            assertThat(ledger.lots.values()).as(where() + ": no lot below zero").allMatch(lot -> lot.remaining >= 0);

            var accountLots = account.lots().stream()
                    .map(lot -> new LotView(lot.lotId(), lot.bankedAt(), lot.expiresAt(), lot.remaining()))
                    .toList();
            assertThat(accountLots).as(where() + ": open lots").isEqualTo(ledger.openLots());
            assertThat(List.of(account.banked(), account.drawn(), account.expired(), account.adjusted()))
                    .as(where() + ": totals")
                    .isEqualTo(List.of(ledger.banked, ledger.drawn, ledger.expired, ledger.adjusted));
        }

        private Ledger fold(List<Object> events) {
            var ledger = new Ledger();
            events.forEach(ledger::apply);
            return ledger;
        }

        // ---- the test's own reading of the events ----

        private static final class MutableLot {
            final String lotId;
            final Instant bankedAt;
            final Instant expiresAt;
            int remaining;

            MutableLot(String lotId, Instant bankedAt, Instant expiresAt, int remaining) {
                this.lotId = lotId;
                this.bankedAt = bankedAt;
                this.expiresAt = expiresAt;
                this.remaining = remaining;
            }
        }

        /** The bank folded from its events independently of the code under test, checking each event as it goes. */
        private final class Ledger {
            final Map<String, MutableLot> lots = new LinkedHashMap<>();
            final Map<String, UnusedTimeBanked> deposits = new LinkedHashMap<>();
            final Map<String, TimeDrawnDown> withdrawals = new LinkedHashMap<>();
            final Map<String, TimeBankAdjusted> adjustments = new LinkedHashMap<>();
            int banked;
            int drawn;
            int expired;
            int adjusted;

            int balance() {
                return banked - drawn - expired + adjusted;
            }

            /** The oldest lots (by when they were banked) first. */
            List<LotSpend> oldestFirst(int minutes) {
                var spends = new ArrayList<LotSpend>();
                int left = minutes;
                for (var lot : lots.values().stream()
                        .filter(lot -> lot.remaining > 0)
                        .sorted(Comparator.comparing((MutableLot lot) -> lot.bankedAt))
                        .toList()) {
                    int take = Math.min(left, lot.remaining);
                    if (take > 0) {
                        spends.add(new LotSpend(lot.lotId, take));
                        left -= take;
                    }
                }
                return spends;
            }

            List<LotView> openLots() {
                return lots.values().stream()
                        .filter(lot -> lot.remaining > 0)
                        .map(lot -> new LotView(lot.lotId, lot.bankedAt, lot.expiresAt, lot.remaining))
                        .toList();
            }

            void apply(Object event) {
                if (event instanceof UnusedTimeBanked e) {
                    open(e.lotId(), e.bankedAt(), e.expiresAt(), e.minutes());
                    deposits.put(e.visitId(), e);
                    banked += e.minutes();
                    expectBalanceAfter(e.balanceAfter(), event);
                } else if (event instanceof TimeDrawnDown e) {
                    spend(e.spentFrom(), e.minutes(), event);
                    withdrawals.put(e.withdrawalId(), e);
                    drawn += e.minutes();
                    expectBalanceAfter(e.balanceAfter(), event);
                } else if (event instanceof TimeBankLotExpired e) {
                    var lot = lots.get(e.lotId());
                    assertThat(lot)
                            .as(where() + ": expired lot exists, " + event)
                            .isNotNull();
                    assertThat(e.minutes())
                            .as(where() + ": a lot expires whole, " + event)
                            .isEqualTo(lot.remaining)
                            .isPositive();
                    assertThat(e.expiredAt())
                            .as(where() + ": expired at its expiry, " + event)
                            .isEqualTo(lot.expiresAt);
                    lot.remaining = 0;
                    expired += e.minutes();
                    expectBalanceAfter(e.balanceAfter(), event);
                } else if (event instanceof TimeBankAdjusted e) {
                    if (e.lotId() != null) {
                        assertThat(e.minutes()).as(where()).isPositive();
                        open(e.lotId(), e.adjustedAt(), e.expiresAt(), e.minutes());
                    } else {
                        assertThat(e.minutes()).as(where()).isNegative();
                        spend(e.spentFrom(), -e.minutes(), event);
                    }
                    adjustments.put(e.adjustmentId(), e);
                    adjusted += e.minutes();
                    expectBalanceAfter(e.balanceAfter(), event);
                } else {
                    throw new AssertionError(where() + ": not a time bank event " + event);
                }
            }

            private void open(String lotId, Instant bankedAt, Instant expiresAt, int minutes) {
                assertThat(lots).as(where() + ": a new lot id").doesNotContainKey(lotId);
                assertThat(minutes).as(where() + ": a lot holds minutes").isPositive();
                assertThat(expiresAt).as(where()).isEqualTo(bankedAt.plus(rules.lotLifetime()));
                lots.put(lotId, new MutableLot(lotId, bankedAt, expiresAt, minutes));
            }

            private void spend(List<LotSpend> spends, int minutes, Object event) {
                assertThat(spends.stream().mapToInt(LotSpend::minutes).sum())
                        .as(where() + ": spent from lots in full, " + event)
                        .isEqualTo(minutes);
                for (var spend : spends) {
                    var lot = lots.get(spend.lotId());
                    assertThat(lot).as(where() + ": spent lot exists, " + event).isNotNull();
                    assertThat(spend.minutes()).as(where() + ": " + event).isPositive();
                    assertThat(lot.remaining - spend.minutes())
                            .as(where() + ": lot " + lot.lotId + " stays >= 0, " + event)
                            .isNotNegative();
                    lot.remaining -= spend.minutes();
                }
            }

            private void expectBalanceAfter(int balanceAfter, Object event) {
                assertThat(balanceAfter)
                        .as(where() + ": balanceAfter of " + event)
                        .isEqualTo(balance());
            }
        }
    }
}
