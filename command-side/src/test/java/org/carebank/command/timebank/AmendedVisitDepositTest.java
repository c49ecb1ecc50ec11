package org.carebank.command.timebank;

import static org.carebank.command.FixtureDeadlines.deadlineManagerOf;
import static org.carebank.command.Refusals.refusedWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.ReverseDepositOfAmendedVisit;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankReceipt;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An approved amendment that leaves a banked visit fewer unused minutes than were banked: the bank takes back the
 * excess with a ledger line naming the amendment, once, and never more than the balance.
 */
class AmendedVisitDepositTest {

    private static final String CLIENT = "CL-0042";
    private static final Instant BANKED_AT = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant APPROVED_AT = Instant.parse("2026-11-25T09:00:00Z");
    private static final String LOT = "deposit:V-1";
    private static final Caller SERVICE = AmendedVisitDeposits.SERVICE;

    private static final UnusedTimeBanked BANKED_20 = new UnusedTimeBanked(
            CLIENT, LOT, "V-1", "alpha-care", 20, "client", BANKED_AT, BANKED_AT.plus(Duration.ofDays(84)), 20);

    private static AggregateTestFixture<TimeBank> fixture() {
        var fixture = new AggregateTestFixture<>(TimeBank.class);
        fixture.registerAnnotatedCommandHandler(new TimeBankCommands(
                fixture.getRepository(),
                new StubCommandLookups(),
                TimeBankRules.defaults(),
                deadlineManagerOf(fixture)));
        return fixture;
    }

    private static ReverseDepositOfAmendedVisit reverse(String amendmentId, int unusedNow) {
        return new ReverseDepositOfAmendedVisit(CLIENT, "V-1", amendmentId, unusedNow, APPROVED_AT);
    }

    private static TimeBankAdjusted reversed(String amendmentId, int minutes, int banked, int unusedNow, int after) {
        return new TimeBankAdjusted(
                CLIENT,
                "amendment/V-1/" + amendmentId,
                -minutes,
                "Amendment " + amendmentId + " of visit V-1 approved: " + banked + " minutes banked from it, "
                        + unusedNow + " now unused; " + minutes + " taken back.",
                APPROVED_AT,
                null,
                null,
                List.of(new LotSpend(LOT, minutes)),
                after);
    }

    @Test
    @DisplayName("20 banked, 5 unused after the amendment: 15 taken back with the amendment named")
    void excessTakenBack() {
        fixture()
                .given(BANKED_20)
                .when(reverse("A-1", 5), SERVICE.toMetaData())
                .expectEvents(reversed("A-1", 15, 20, 5, 5))
                .expectResultMessagePayload(new TimeBankReceipt(CommandOutcome.RECORDED, 5));
    }

    @Test
    @DisplayName("boundary: unused minutes equal to the deposit take nothing back; one fewer takes back one")
    void boundary() {
        fixture()
                .given(BANKED_20)
                .when(reverse("A-1", 20), SERVICE.toMetaData())
                .expectNoEvents();
        fixture()
                .given(BANKED_20)
                .when(reverse("A-1", 19), SERVICE.toMetaData())
                .expectEvents(reversed("A-1", 1, 20, 19, 19));
    }

    @Test
    @DisplayName("the same amendment again records nothing; a later amendment takes back only what is still over")
    void oncePerAmendment() {
        fixture()
                .given(BANKED_20, reversed("A-1", 15, 20, 5, 5))
                .when(reverse("A-1", 5), SERVICE.toMetaData())
                .expectNoEvents();
        fixture()
                .given(BANKED_20, reversed("A-1", 10, 20, 10, 10))
                .when(reverse("A-2", 4), SERVICE.toMetaData())
                .expectEvents(reversed("A-2", 6, 10, 4, 4));
    }

    @Test
    @DisplayName("minutes already drawn cannot be taken back: the line takes the balance and says what it could not")
    void neverBelowZero() {
        var drawn = new TimeDrawnDown(
                CLIENT, "W-1", 15, "swim", null, BANKED_AT.plusSeconds(60), List.of(new LotSpend(LOT, 15)), 5);
        fixture()
                .given(BANKED_20, drawn)
                .when(reverse("A-1", 0), SERVICE.toMetaData())
                .expectEvents(new TimeBankAdjusted(
                        CLIENT,
                        "amendment/V-1/A-1",
                        -5,
                        "Amendment A-1 of visit V-1 approved: 20 minutes banked from it, 0 now unused; 5 taken back"
                                + " (15 already drawn could not be).",
                        APPROVED_AT,
                        null,
                        null,
                        List.of(new LotSpend(LOT, 5)),
                        0));
    }

    @Test
    @DisplayName("a client without a time bank has nothing to take back; only the service sends the command")
    void noBankAndServiceOnly() {
        fixture()
                .givenNoPriorActivity()
                .when(reverse("A-1", 0), SERVICE.toMetaData())
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture()
                .given(BANKED_20)
                .when(reverse("A-1", 0), new Caller("carol", Role.COUNCIL, null).toMetaData())
                .expectException(refusedWith("service-only", 422));
    }
}
