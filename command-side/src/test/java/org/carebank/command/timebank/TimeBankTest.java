package org.carebank.command.timebank;

import static org.carebank.command.FixtureDeadlines.deadlineManagerOf;
import static org.carebank.command.Refusals.refusedWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.BankableVisit;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.carebank.kernel.timebank.AdjustTimeBank;
import org.carebank.kernel.timebank.BankUnusedTime;
import org.carebank.kernel.timebank.DrawDownTime;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeBankReceipt;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One client's time bank (domain rules 5 to 7) through {@link TimeBankCommands}, as the service runs it: visit facts
 * and provider scope from the command-side lookups, the default rules (a cap of 600 minutes, lots that expire 84 days
 * after banking, deposits within 7 days of the visit) and the fixture's deadline manager for lot expiry.
 */
class TimeBankTest {

    private static final String CLIENT = "CL-0042";
    private static final String OTHER_CLIENT = "CL-0099";
    private static final String ALPHA = "alpha-care";
    private static final String CONSENT = "client, confirmed to the coordinator by phone";

    private static final Caller COUNCIL = new Caller("council", Role.COUNCIL, null);
    private static final Caller ALPHA_CALLER = new Caller("alpha", Role.PROVIDER, ALPHA);
    private static final Caller BETA_CALLER = new Caller("beta", Role.PROVIDER, "beta-care");

    private static final Duration LOT_LIFETIME = Duration.ofDays(84);

    /** Visit V-1 was planned until 10:40 and ended at 10:00 at the client's request: 40 minutes unused. */
    private static final Instant ENDED = Instant.parse("2026-11-23T10:00:00Z");

    private static final Instant BANKED_AT = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-02-15T12:00:00Z");

    private static final String VISIT = "V-1";
    private static final String LOT = "deposit:V-1";

    private final StubCommandLookups lookups = new StubCommandLookups()
            .bankableVisit(endedEarly(VISIT, 40))
            .bankableVisit(new BankableVisit("V-NOT-DELIVERED", CLIENT, ALPHA, false, false, 0, null, true))
            .bankableVisit(new BankableVisit("V-FULL-LENGTH", CLIENT, ALPHA, true, false, 0, ENDED, true))
            .bankableVisit(new BankableVisit("V-NO-BANKING", CLIENT, ALPHA, true, true, 40, ENDED, false))
            .bankableVisit(new BankableVisit("V-OTHER-CLIENT", OTHER_CLIENT, ALPHA, true, true, 40, ENDED, true))
            .bankableVisit(endedEarly("V-2", 30))
            .serves(ALPHA, CLIENT);

    private AggregateTestFixture<TimeBank> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(TimeBankRules.defaults());
    }

    private AggregateTestFixture<TimeBank> fixture(TimeBankRules rules) {
        var fixture = new AggregateTestFixture<>(TimeBank.class);
        fixture.registerAnnotatedCommandHandler(
                new TimeBankCommands(fixture.getRepository(), lookups, rules, deadlineManagerOf(fixture)));
        // as CommandSideConfiguration does: events carry the caller of the command that caused them
        fixture.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.registerCorrelationDataProvider(
                    new SimpleCorrelationDataProvider(Caller.PRINCIPAL, Caller.ROLE, Caller.PROVIDER_ID));
            return chain.proceed();
        });
        return fixture;
    }

    // --- fixtures -------------------------------------------------------------------------------------------------

    private static BankableVisit endedEarly(String visitId, int unusedMinutes) {
        return new BankableVisit(visitId, CLIENT, ALPHA, true, true, unusedMinutes, ENDED, true);
    }

    private static BankUnusedTime deposit(String visitId, int minutes, Instant at) {
        return new BankUnusedTime(CLIENT, visitId, minutes, CONSENT, at);
    }

    private static UnusedTimeBanked banked(String visitId, int minutes, Instant at, int balanceAfter) {
        return new UnusedTimeBanked(
                CLIENT,
                "deposit:" + visitId,
                visitId,
                ALPHA,
                minutes,
                CONSENT,
                at,
                at.plus(LOT_LIFETIME),
                balanceAfter);
    }

    private static DrawDownTime withdrawal(String withdrawalId, int minutes, Instant at) {
        return new DrawDownTime(CLIENT, withdrawalId, minutes, "swimming with a carer", null, at);
    }

    private static TimeDrawnDown drawn(
            String withdrawalId, int minutes, Instant at, int balanceAfter, LotSpend... spentFrom) {
        return new TimeDrawnDown(
                CLIENT, withdrawalId, minutes, "swimming with a carer", null, at, List.of(spentFrom), balanceAfter);
    }

    private static AdjustTimeBank adjustment(String adjustmentId, int minutes, Instant at) {
        return new AdjustTimeBank(CLIENT, adjustmentId, minutes, "correction after review", at);
    }

    private static TimeBankAdjusted credited(String adjustmentId, int minutes, Instant at, int balanceAfter) {
        return new TimeBankAdjusted(
                CLIENT,
                adjustmentId,
                minutes,
                "correction after review",
                at,
                "adjustment:" + adjustmentId,
                at.plus(LOT_LIFETIME),
                List.of(),
                balanceAfter);
    }

    private static Instant day(int dayOfNovember) {
        return BANKED_AT.plus(Duration.ofDays(dayOfNovember - 23L));
    }

    /** The principal each event was recorded with, in order. */
    private static Matcher<List<EventMessage<?>>> recordedBy(String... principals) {
        var expected = List.of(principals);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.stream()
                        .map(e -> e.getMetaData().get(Caller.PRINCIPAL))
                        .toList()
                        .equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events recorded by ").appendValue(expected);
            }
        };
    }

    // --- deposits (rule 5) ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("unused minutes of a delivered visit ended early are banked as a lot that expires 84 days later")
    void depositBanksUnusedTime() {
        fixture.givenCurrentTime(BANKED_AT)
                .when(deposit(VISIT, 40, BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 40))
                .expectEvents(new UnusedTimeBanked(CLIENT, LOT, VISIT, ALPHA, 40, CONSENT, BANKED_AT, EXPIRES, 40))
                .expectEventsMatching(recordedBy("alpha"))
                .expectScheduledDeadlineWithName(EXPIRES, TimeBank.LOT_EXPIRY_DEADLINE)
                .expectScheduledDeadline(EXPIRES, new LotExpiryDue(LOT, EXPIRES));
    }

    @Test
    @DisplayName("part of a visit's unused minutes can be banked, and a second visit adds a lot to the balance")
    void depositAddsToBalance() {
        Instant later = day(24);
        fixture.givenCurrentTime(later)
                .andGiven(banked(VISIT, 40, BANKED_AT, 40))
                .when(deposit("V-2", 25, later), ALPHA_CALLER.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 65))
                .expectEvents(banked("V-2", 25, later, 65))
                .expectScheduledDeadline(
                        later.plus(LOT_LIFETIME), new LotExpiryDue("deposit:V-2", later.plus(LOT_LIFETIME)));
    }

    @Test
    @DisplayName("a visit that was not delivered has no unused time to bank")
    void notDeliveredIsRefused() {
        fixture.givenNoPriorActivity()
                .when(deposit("V-NOT-DELIVERED", 20, BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectException(CommandRefusedException.class)
                .expectException(refusedWith("not-unused-time", 422, "unusedMinutes", 0))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a visit that was not ended early at the client's request has no unused time to bank")
    void notEndedEarlyIsRefused() {
        fixture.givenNoPriorActivity()
                .when(deposit("V-FULL-LENGTH", 20, BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("not-unused-time", 422))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("more minutes than the visit left unused are refused, with the unused minutes in the problem")
    void moreThanUnusedIsRefused() {
        fixture.givenNoPriorActivity()
                .when(deposit(VISIT, 41, BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("not-unused-time", 422, "unusedMinutes", 40))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a visit of a package without time banking cannot be banked")
    void timeBankingOffIsRefused() {
        fixture.givenNoPriorActivity()
                .when(deposit("V-NO-BANKING", 40, BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("time-banking-off", 422))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("unused time is banked within 7 days of the visit: 7 days after it ended is still in time")
    void depositOnLastDayOfWindowIsBanked() {
        Instant lastMoment = ENDED.plus(Duration.ofDays(7));
        fixture.givenCurrentTime(lastMoment)
                .when(deposit(VISIT, 40, lastMoment), ALPHA_CALLER.toMetaData())
                .expectEvents(banked(VISIT, 40, lastMoment, 40));
    }

    @Test
    @DisplayName("a deposit 8 days after the visit is refused: the banking window has closed")
    void bankingWindowClosedIsRefused() {
        Instant eightDaysLater = ENDED.plus(Duration.ofDays(8));
        fixture.givenCurrentTime(eightDaysLater)
                .when(deposit(VISIT, 40, eightDaysLater), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("banking-window-closed", 422))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a deposit without the client's consent is refused")
    void depositWithoutConsentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new BankUnusedTime(CLIENT, VISIT, 40, " ", BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("consent-required", 422))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a deposit with no consent at all is refused")
    void depositWithNullConsentIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new BankUnusedTime(CLIENT, VISIT, 40, null, BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("consent-required", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a visit is banked at most once: a second deposit of it with other minutes is refused")
    void secondDepositOfVisitIsRefused() {
        fixture.given(banked(VISIT, 40, BANKED_AT, 40))
                .when(deposit(VISIT, 30, BANKED_AT.plusSeconds(60)), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("already-banked", 422, "bankedMinutes", 40))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("the identical deposit repeated is answered ALREADY_RECORDED and records nothing")
    void repeatedDepositIsAlreadyRecorded() {
        fixture.given(banked(VISIT, 40, BANKED_AT, 40))
                .when(deposit(VISIT, 40, BANKED_AT.plusSeconds(60)), ALPHA_CALLER.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.ALREADY_RECORDED, 40))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("the same deposit repeated with another consentBy is refused 422 already-banked, not ALREADY_RECORDED")
    void repeatedDepositWithOtherConsentIsRefused() {
        fixture.given(banked(VISIT, 40, BANKED_AT, 40))
                .when(
                        new BankUnusedTime(CLIENT, VISIT, 40, "a relative", BANKED_AT.plusSeconds(60)),
                        ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("already-banked", 422, "bankedMinutes", 40))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a deposit that would pass the cap of 600 is refused with the headroom left (580 + 30: 20)")
    void depositOverCapIsRefusedWithHeadroom() {
        fixture.given(credited("OPENING", 540, day(20), 540), banked(VISIT, 40, BANKED_AT, 580))
                .when(deposit("V-2", 30, BANKED_AT.plusSeconds(60)), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("time-bank-cap-exceeded", 422, "headroomMinutes", 20))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a deposit that fills the bank to exactly its cap is banked")
    void depositUpToCapIsBanked() {
        Instant at = BANKED_AT.plusSeconds(60);
        fixture.given(credited("OPENING", 540, day(20), 540), banked(VISIT, 40, BANKED_AT, 580))
                .when(deposit("V-2", 20, at), ALPHA_CALLER.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 600))
                .expectEvents(banked("V-2", 20, at, 600));
    }

    @Test
    @DisplayName("a deposit of another client's visit is answered 404 unknown-visit")
    void visitOfAnotherClientIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(deposit("V-OTHER-CLIENT", 40, BANKED_AT), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("unknown-visit", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a provider banking another provider's visit is answered 404 unknown-visit")
    void visitOfAnotherProviderIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(deposit(VISIT, 40, BANKED_AT), BETA_CALLER.toMetaData())
                .expectException(refusedWith("unknown-visit", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a deposit of a visit the lookups do not know is answered 404 unknown-visit")
    void unknownVisitIsUnknown() {
        fixture.givenNoPriorActivity()
                .when(deposit("V-NOWHERE", 40, BANKED_AT), COUNCIL.toMetaData())
                .expectException(refusedWith("unknown-visit", 404))
                .expectNoEvents();
    }

    // --- draw-downs (rules 6 and 7) -------------------------------------------------------------------------------

    @Test
    @DisplayName("a draw-down spends the oldest lots first, across three lots")
    void drawDownSpendsOldestLotsFirst() {
        Instant at = day(27);
        fixture.given(banked("V-A", 30, day(23), 30), banked("V-B", 40, day(24), 70), banked("V-C", 50, day(25), 120))
                .when(withdrawal("W-1", 80, at), ALPHA_CALLER.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 40))
                .expectEvents(drawn(
                        "W-1",
                        80,
                        at,
                        40,
                        new LotSpend("deposit:V-A", 30),
                        new LotSpend("deposit:V-B", 40),
                        new LotSpend("deposit:V-C", 10)))
                .expectEventsMatching(recordedBy("alpha"));
    }

    @Test
    @DisplayName("a lot partly spent is spent first by the next draw-down, then the next lot")
    void partlySpentLotIsSpentFirst() {
        Instant at = day(28);
        fixture.given(
                        banked("V-A", 30, day(23), 30),
                        banked("V-B", 40, day(24), 70),
                        drawn("W-1", 10, day(25), 60, new LotSpend("deposit:V-A", 10)))
                .when(withdrawal("W-2", 30, at), ALPHA_CALLER.toMetaData())
                .expectEvents(
                        drawn("W-2", 30, at, 30, new LotSpend("deposit:V-A", 20), new LotSpend("deposit:V-B", 10)));
    }

    @Test
    @DisplayName("a draw-down within one lot spends only part of it")
    void drawDownWithinOneLot() {
        Instant at = day(25);
        fixture.given(banked("V-A", 30, day(23), 30), banked("V-B", 40, day(24), 70))
                .when(withdrawal("W-1", 12, at), COUNCIL.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 58))
                .expectEvents(drawn("W-1", 12, at, 58, new LotSpend("deposit:V-A", 12)));
    }

    @Test
    @DisplayName("a draw-down moves at least one minute, whatever path the command took")
    void drawDownOfNoMinutesIsRefused() {
        fixture.given(banked("V-A", 30, day(23), 30))
                .when(withdrawal("W-1", -100, day(24)), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("minutes-not-positive", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a draw-down of more than the balance is refused with the balance in the problem")
    void drawDownOverBalanceIsRefused() {
        fixture.given(banked("V-A", 30, day(23), 30))
                .when(withdrawal("W-1", 31, day(24)), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("insufficient-time-bank-balance", 422, "balanceMinutes", 30))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a draw-down of the whole balance empties the bank")
    void drawDownOfWholeBalance() {
        Instant at = day(24);
        fixture.given(banked("V-A", 30, day(23), 30))
                .when(withdrawal("W-1", 30, at), ALPHA_CALLER.toMetaData())
                .expectEvents(drawn("W-1", 30, at, 0, new LotSpend("deposit:V-A", 30)));
    }

    @Test
    @DisplayName("a draw-down retried with the same withdrawal id and details is ALREADY_RECORDED")
    void repeatedDrawDownIsAlreadyRecorded() {
        fixture.given(banked("V-A", 30, day(23), 30), drawn("W-1", 10, day(24), 20, new LotSpend("deposit:V-A", 10)))
                .when(withdrawal("W-1", 10, day(24).plusSeconds(5)), ALPHA_CALLER.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.ALREADY_RECORDED, 20))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a withdrawal id repeated with the same minutes for another visit is refused 409 withdrawal-id-reused")
    void reusedWithdrawalIdForOtherVisitIsRefused() {
        fixture.given(banked("V-A", 30, day(23), 30), drawn("W-1", 10, day(24), 20, new LotSpend("deposit:V-A", 10)))
                .when(
                        new DrawDownTime(CLIENT, "W-1", 10, "swimming with a carer", "V-9", day(25)),
                        ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("withdrawal-id-reused", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a withdrawal id reused with other details is refused 409 withdrawal-id-reused")
    void reusedWithdrawalIdIsRefused() {
        fixture.given(banked("V-A", 30, day(23), 30), drawn("W-1", 10, day(24), 20, new LotSpend("deposit:V-A", 10)))
                .when(withdrawal("W-1", 15, day(25)), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("withdrawal-id-reused", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a provider that does not serve the client is told the time bank does not exist (404)")
    void providerNotServingClientGetsUnknownTimeBank() {
        fixture.given(banked("V-A", 30, day(23), 30))
                .when(withdrawal("W-1", 10, day(24)), BETA_CALLER.toMetaData())
                .expectException(refusedWith("unknown-time-bank", 404))
                .expectNoEvents();
    }

    // --- council adjustments --------------------------------------------------------------------------------------

    @Test
    @DisplayName("a positive council adjustment opens a lot of its own that expires like a deposit")
    void positiveAdjustmentOpensLot() {
        Instant at = day(25);
        Instant expires = at.plus(LOT_LIFETIME);
        fixture.givenCurrentTime(at)
                .andGiven(banked("V-A", 30, day(23), 30))
                .when(adjustment("ADJ-1", 45, at), COUNCIL.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 75))
                .expectEvents(credited("ADJ-1", 45, at, 75))
                .expectEventsMatching(recordedBy("council"))
                .expectScheduledDeadline(expires, new LotExpiryDue("adjustment:ADJ-1", expires));
    }

    @Test
    @DisplayName("a negative council adjustment spends the oldest lots first and opens no lot")
    void negativeAdjustmentSpendsOldestFirst() {
        Instant at = day(26);
        fixture.givenCurrentTime(at)
                .andGiven(banked("V-A", 30, day(23), 30), banked("V-B", 40, day(24), 70))
                .when(adjustment("ADJ-1", -50, at), COUNCIL.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 20))
                .expectEvents(new TimeBankAdjusted(
                        CLIENT,
                        "ADJ-1",
                        -50,
                        "correction after review",
                        at,
                        null,
                        null,
                        List.of(new LotSpend("deposit:V-A", 30), new LotSpend("deposit:V-B", 20)),
                        20))
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a negative adjustment of more than the balance is refused")
    void negativeAdjustmentOverBalanceIsRefused() {
        fixture.given(banked("V-A", 30, day(23), 30))
                .when(adjustment("ADJ-1", -31, day(24)), COUNCIL.toMetaData())
                .expectException(refusedWith("insufficient-time-bank-balance", 422, "balanceMinutes", 30))
                .expectNoEvents();
    }

    @Test
    @DisplayName("only the council adjusts a time bank, even a provider that serves the client")
    void providerCannotAdjust() {
        fixture.given(banked("V-A", 30, day(23), 30))
                .when(adjustment("ADJ-1", 10, day(24)), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("council-only", 422))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("an adjustment of zero minutes is refused")
    void zeroAdjustmentIsRefused() {
        fixture.given(banked("V-A", 30, day(23), 30))
                .when(adjustment("ADJ-1", 0, day(24)), COUNCIL.toMetaData())
                .expectException(refusedWith("empty-adjustment", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a positive adjustment past the cap is refused with the headroom left")
    void positiveAdjustmentOverCapIsRefused() {
        var smallCap = fixture(new TimeBankRules(100, LOT_LIFETIME, Duration.ofDays(7)));
        smallCap.given(banked("V-A", 30, day(23), 30), banked("V-B", 40, day(24), 70))
                .when(adjustment("ADJ-1", 31, day(25)), COUNCIL.toMetaData())
                .expectException(refusedWith("time-bank-cap-exceeded", 422, "headroomMinutes", 30))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("an adjustment retried with the same id and details is ALREADY_RECORDED and records nothing")
    void repeatedAdjustmentIsAlreadyRecorded() {
        fixture.given(banked("V-A", 30, day(23), 30), credited("ADJ-1", 45, day(24), 75))
                .when(adjustment("ADJ-1", 45, day(24).plusSeconds(5)), COUNCIL.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.ALREADY_RECORDED, 75))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("an adjustment id reused with other details is refused 409 adjustment-id-reused")
    void reusedAdjustmentIdIsRefused() {
        fixture.given(banked("V-A", 30, day(23), 30), credited("ADJ-1", 45, day(24), 75))
                .when(adjustment("ADJ-1", 40, day(24).plusSeconds(5)), COUNCIL.toMetaData())
                .expectException(refusedWith("adjustment-id-reused", 409))
                .expectNoEvents();
    }

    // --- expiry (rule 7) ------------------------------------------------------------------------------------------

    @Test
    @DisplayName("when a lot's expiry deadline fires, what is left of it expires at the lot's expiry, by the service")
    void partlySpentLotExpiresWhenDeadlineFires() {
        fixture.givenCurrentTime(BANKED_AT)
                .andGivenCommands(deposit(VISIT, 40, BANKED_AT), withdrawal("W-1", 15, day(30)))
                .whenThenTimeAdvancesTo(EXPIRES)
                .expectTriggeredDeadlinesWithName(TimeBank.LOT_EXPIRY_DEADLINE)
                .expectEvents(new TimeBankLotExpired(CLIENT, LOT, 25, EXPIRES, 0))
                .expectEventsMatching(recordedBy("carebank:time-bank-expiry"));
    }

    @Test
    @DisplayName("the expiry deadline fires only at the lot's expiry: a second before, nothing has expired")
    void lotDoesNotExpireEarly() {
        fixture.givenCurrentTime(BANKED_AT)
                .andGivenCommands(deposit(VISIT, 40, BANKED_AT))
                .whenThenTimeAdvancesTo(EXPIRES.minusSeconds(1))
                .expectNoEvents()
                .expectScheduledDeadline(EXPIRES, new LotExpiryDue(LOT, EXPIRES));
    }

    @Test
    @DisplayName("a lot spent in full before its expiry records no expiry when the deadline fires")
    void spentLotRecordsNoExpiry() {
        fixture.givenCurrentTime(BANKED_AT)
                .andGivenCommands(deposit(VISIT, 40, BANKED_AT), withdrawal("W-1", 40, day(30)))
                .whenThenTimeAdvancesTo(EXPIRES)
                .expectTriggeredDeadlinesWithName(TimeBank.LOT_EXPIRY_DEADLINE)
                .expectNoEvents();
    }

    @Test
    @DisplayName("each lot expires on its own deadline, the later lot staying open")
    void lotsExpireOneByOne() {
        Instant secondBanked = day(24);
        fixture.givenCurrentTime(BANKED_AT)
                .andGivenCommands(deposit(VISIT, 40, BANKED_AT), deposit("V-2", 30, secondBanked))
                .whenThenTimeAdvancesTo(EXPIRES.plus(Duration.ofHours(1)))
                .expectEvents(new TimeBankLotExpired(CLIENT, LOT, 40, EXPIRES, 30))
                .expectScheduledDeadline(
                        secondBanked.plus(LOT_LIFETIME),
                        new LotExpiryDue("deposit:V-2", secondBanked.plus(LOT_LIFETIME)));
    }

    @Test
    @DisplayName("a command after a lot's expiry first records the expiry, then decides on the reduced balance")
    void commandAfterExpiryRecordsExpiryFirst() {
        Instant secondBanked = day(24);
        Instant at = EXPIRES.plus(Duration.ofHours(3));
        fixture.given(banked(VISIT, 40, BANKED_AT, 40), banked("V-2", 30, secondBanked, 70))
                .when(withdrawal("W-1", 20, at), ALPHA_CALLER.toMetaData())
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 10))
                .expectEvents(
                        new TimeBankLotExpired(CLIENT, LOT, 40, EXPIRES, 30),
                        drawn("W-1", 20, at, 10, new LotSpend("deposit:V-2", 20)))
                .expectEventsMatching(recordedBy("carebank:time-bank-expiry", "alpha"));
    }

    @Test
    @DisplayName("a draw-down that only the expired minutes would cover is refused on the reduced balance")
    void drawDownAfterExpiryIsRefusedOnReducedBalance() {
        Instant at = EXPIRES.plus(Duration.ofHours(3));
        fixture.given(banked(VISIT, 40, BANKED_AT, 40), banked("V-2", 30, day(24), 70))
                .when(withdrawal("W-1", 50, at), ALPHA_CALLER.toMetaData())
                .expectException(refusedWith("insufficient-time-bank-balance", 422, "balanceMinutes", 30))
                .expectNoEvents();
    }

    @Test
    @DisplayName("an expired lot frees headroom: a deposit after it passes the cap test on the reduced balance")
    void depositAfterExpiryUsesReducedBalance() {
        Instant at = EXPIRES.plus(Duration.ofHours(1));
        var visitAfterExpiry = new BankableVisit("V-LATE", CLIENT, ALPHA, true, true, 60, at.minusSeconds(3600), true);
        lookups.bankableVisit(visitAfterExpiry);
        fixture.givenCurrentTime(at)
                .andGiven(credited("OPENING", 560, BANKED_AT, 560), banked("V-2", 30, day(24), 590))
                .when(deposit("V-LATE", 60, at), ALPHA_CALLER.toMetaData())
                .expectEvents(
                        new TimeBankLotExpired(CLIENT, "adjustment:OPENING", 560, EXPIRES, 30),
                        banked("V-LATE", 60, at, 90))
                .expectEventsMatching(recordedBy("carebank:time-bank-expiry", "alpha"));
    }
}
