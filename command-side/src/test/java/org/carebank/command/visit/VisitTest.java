package org.carebank.command.visit;

import static org.carebank.command.Refusals.refusedWith;
import static org.carebank.command.visit.VisitFixtures.ACME;
import static org.carebank.command.visit.VisitFixtures.CLIENT;
import static org.carebank.command.visit.VisitFixtures.HOME;
import static org.carebank.command.visit.VisitFixtures.PLANNED_START;
import static org.carebank.command.visit.VisitFixtures.RATE;
import static org.carebank.command.visit.VisitFixtures.REQUESTED_AT;
import static org.carebank.command.visit.VisitFixtures.VISIT;
import static org.carebank.command.visit.VisitFixtures.WORKER;
import static org.carebank.command.visit.VisitFixtures.plan;
import static org.carebank.command.visit.VisitFixtures.roster;
import static org.carebank.command.visit.VisitFixtures.scheduled;
import static org.carebank.command.visit.VisitFixtures.visitFixture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.payment.DeliveryVerified;
import org.carebank.kernel.payment.Verification;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.CancelVisit;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.CheckOutVisit;
import org.carebank.kernel.visit.DeliverySource;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.RecordDelivery;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Check-in, check-out, delivery, billing and cancellation of a scheduled one-hour visit planned for 09:00. */
class VisitTest {

    private static final Instant MISSED_AT = PLANNED_START.plus(Duration.ofMinutes(120));
    private static final Caller ACME_CALLER = new Caller("anna", Role.PROVIDER, ACME);
    private static final Caller OTHER_PROVIDER = new Caller("bob", Role.PROVIDER, "P-OTHER");

    private AggregateTestFixture<Visit> fixture;

    @BeforeEach
    void setUp() {
        fixture = visitFixture(roster(), BillingPolicy.actual());
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + ":00Z");
    }

    private static VisitCheckedIn checkedIn(Instant at, boolean late, long minutesLate) {
        return new VisitCheckedIn(VISIT, WORKER, at, EcmMethod.APP_GPS, null, HOME, late, minutesLate);
    }

    private static CheckInVisit checkIn(Instant at) {
        return new CheckInVisit(VISIT, at, EcmMethod.APP_GPS, null, HOME);
    }

    private static DeliveryVerified verifiedDelivery() {
        return new DeliveryVerified(VISIT, ACME, Verification.VERIFIED, List.of());
    }

    /** Minutes recorded without ECM: neither end was electronic. */
    private static DeliveryVerified recordedDelivery() {
        return new DeliveryVerified(
                VISIT,
                ACME,
                Verification.EXCEPTION,
                List.of(VisitException.MANUAL_CHECK_IN, VisitException.NO_CHECK_OUT));
    }

    private static CheckOutVisit checkOut(Instant at) {
        return new CheckOutVisit(VISIT, at, EcmMethod.APP_GPS, false, null);
    }

    // --- check-in -------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a check-in within 30 minutes of planned start is on time, with its minutes late recorded")
    void checkInWithinThresholdIsOnTime() {
        fixture.given(scheduled())
                .when(checkIn(at("09:30")), ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(checkedIn(at("09:30"), false, 30));
    }

    @Test
    @DisplayName("a check-in more than 30 minutes after planned start is late")
    void checkInAfterThresholdIsLate() {
        fixture.given(scheduled()).when(checkIn(at("09:31"))).expectEvents(checkedIn(at("09:31"), true, 31));
    }

    @Test
    @DisplayName("an early check-in is not late and counts zero minutes late")
    void earlyCheckInIsZeroMinutesLate() {
        fixture.given(scheduled()).when(checkIn(at("08:50"))).expectEvents(checkedIn(at("08:50"), false, 0));
    }

    @Test
    @DisplayName("a check-in after the visit was flagged missed is accepted, and is late")
    void checkInAfterMissIsAcceptedAndLate() {
        fixture.given(scheduled(), new VisitMissed(VISIT, ACME, CLIENT, WORKER, PLANNED_START, 120, MISSED_AT))
                .when(checkIn(at("11:30")))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(checkedIn(at("11:30"), true, 150));
    }

    @Test
    @DisplayName("a MANUAL check-in without a reason is refused")
    void manualCheckInNeedsReason() {
        fixture.given(scheduled())
                .when(new CheckInVisit(VISIT, at("09:05"), EcmMethod.MANUAL, " ", HOME))
                .expectException(CommandRefusedException.class)
                .expectException(refusedWith("manual-reason-required", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a MANUAL check-in with a reason is recorded with it")
    void manualCheckInWithReasonIsRecorded() {
        fixture.given(scheduled())
                .when(new CheckInVisit(VISIT, at("09:05"), EcmMethod.MANUAL, "no signal at the property", HOME))
                .expectEvents(new VisitCheckedIn(
                        VISIT, WORKER, at("09:05"), EcmMethod.MANUAL, "no signal at the property", HOME, false, 5));
    }

    @Test
    @DisplayName("a check-in more than 24 hours after planned start is refused")
    void checkInOutsideEcmWindowIsRefused() {
        fixture.given(scheduled())
                .when(checkIn(PLANNED_START.plus(Duration.ofHours(24)).plusSeconds(60)))
                .expectException(refusedWith("ecm-time-out-of-window", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a check-in more than 24 hours before planned start is refused")
    void checkInFarBeforePlannedStartIsRefused() {
        fixture.given(scheduled())
                .when(checkIn(PLANNED_START.minus(Duration.ofHours(24)).minusSeconds(60)))
                .expectException(refusedWith("ecm-time-out-of-window", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a second, different check-in is refused as a conflict and records nothing")
    void secondDifferentCheckInIsRefused() {
        fixture.given(scheduled(), checkedIn(at("09:05"), false, 5))
                .when(checkIn(at("09:10")))
                .expectException(refusedWith("visit-already-checked-in", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a retry of the recorded check-in is answered ALREADY_RECORDED and records nothing")
    void identicalCheckInRetryIsAlreadyRecorded() {
        fixture.given(scheduled(), checkedIn(at("09:05"), false, 5))
                .when(checkIn(at("09:05")))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a check-in repeated at the same time with another reason or place is a conflict, not a retry")
    void checkInRepeatedWithOtherDetailsIsRefused() {
        fixture.given(scheduled(), checkedIn(at("09:05"), false, 5))
                .when(new CheckInVisit(VISIT, at("09:05"), EcmMethod.APP_GPS, null, new Location(51.5, -0.12)))
                .expectException(refusedWith("visit-already-checked-in", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a check-out repeated with the same body is ALREADY_RECORDED; with another endedEarly flag, 409")
    void checkOutRepeatedWithOtherDetailsIsRefused() {
        fixture.given(scheduled(), checkedIn(at("09:05"), false, 5))
                .andGivenCommands(new CheckOutVisit(VISIT, at("10:05"), EcmMethod.APP_GPS, false, null))
                .when(new CheckOutVisit(VISIT, at("10:05"), EcmMethod.APP_GPS, false, null))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(scheduled(), checkedIn(at("09:05"), false, 5))
                .andGivenCommands(new CheckOutVisit(VISIT, at("10:05"), EcmMethod.APP_GPS, false, null))
                .when(new CheckOutVisit(VISIT, at("10:05"), EcmMethod.APP_GPS, true, null))
                .expectException(refusedWith("visit-already-checked-out", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a PROVIDER caller acting on another provider's visit is told the visit is unknown")
    void providerCallerOnAnotherProvidersVisitGetsUnknownVisit() {
        fixture.given(scheduled())
                .when(checkIn(at("09:05")), OTHER_PROVIDER.toMetaData())
                .expectException(refusedWith("unknown-visit", 404))
                .expectNoEvents();
    }

    // --- check-out, delivery and billing ----------------------------------------------------------------------------

    @Test
    @DisplayName("a check-out at or before the check-in is refused")
    void checkOutBeforeCheckInIsRefused() {
        fixture.given(scheduled(), checkedIn(at("09:05"), false, 5))
                .when(checkOut(at("09:05")))
                .expectException(refusedWith("check-out-before-check-in", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a visit nobody checked in to cannot be checked out")
    void checkOutWithoutCheckInIsRefused() {
        fixture.given(scheduled())
                .when(checkOut(at("10:00")))
                .expectException(refusedWith("visit-not-checked-in", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName(
            "a check-out records the delivered minutes; under 85% of planned is a short visit, billed as delivered")
    void checkOutComputesDeliveryAndActualBilling() {
        fixture.given(scheduled(), checkedIn(at("09:02"), false, 2))
                .when(checkOut(at("09:52")), ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(
                        new VisitCheckedOut(VISIT, at("09:52"), EcmMethod.APP_GPS, null),
                        new VisitDelivered(
                                VISIT,
                                ACME,
                                CLIENT,
                                WORKER,
                                DeliverySource.ECM,
                                at("09:02"),
                                at("09:52"),
                                60,
                                50,
                                false,
                                false,
                                true,
                                0,
                                null,
                                // 50 minutes at 1850p an hour is 1541.67p, rounded to 1542p
                                new Billing(BillingRule.ACTUAL, 0, 0, RATE, 50, 1542)),
                        verifiedDelivery());
    }

    @Test
    @DisplayName("delivering exactly 85% of the planned minutes is not a short visit")
    void eightyFivePercentIsNotShort() {
        fixture.given(scheduled(), checkedIn(at("09:00"), false, 0))
                .when(checkOut(at("09:51")))
                .expectEvents(
                        new VisitCheckedOut(VISIT, at("09:51"), EcmMethod.APP_GPS, null),
                        new VisitDelivered(
                                VISIT,
                                ACME,
                                CLIENT,
                                WORKER,
                                DeliverySource.ECM,
                                at("09:00"),
                                at("09:51"),
                                60,
                                51,
                                false,
                                false,
                                false,
                                0,
                                null,
                                new Billing(BillingRule.ACTUAL, 0, 0, RATE, 51, 1573)),
                        verifiedDelivery());
    }

    @Test
    @DisplayName("a visit ended early at the client's request is not short, and its unused minutes are recorded")
    void endedEarlyAtClientRequestRecordsUnusedMinutes() {
        fixture.given(scheduled(), checkedIn(at("09:35"), true, 35))
                .when(new CheckOutVisit(VISIT, at("10:15"), EcmMethod.APP_GPS, true, "client asked us to leave"))
                .expectEvents(
                        new VisitCheckedOut(VISIT, at("10:15"), EcmMethod.APP_GPS, "client asked us to leave"),
                        new VisitDelivered(
                                VISIT,
                                ACME,
                                CLIENT,
                                WORKER,
                                DeliverySource.ECM,
                                at("09:35"),
                                at("10:15"),
                                60,
                                40,
                                true,
                                true,
                                false,
                                20,
                                "client asked us to leave",
                                new Billing(BillingRule.ACTUAL, 0, 0, RATE, 40, 1233)),
                        verifiedDelivery());
    }

    @Test
    @DisplayName("ROUNDED billing in 15-minute units with a 7-minute tolerance bills 37 delivered minutes as 30")
    void roundedBillingRoundsThirtySevenDownToThirty() {
        visitFixture(roster(), new BillingPolicy(BillingRule.ROUNDED, 15, 7, 0))
                .given(scheduled(), checkedIn(at("09:00"), false, 0))
                .when(checkOut(at("09:37")))
                .expectEvents(
                        new VisitCheckedOut(VISIT, at("09:37"), EcmMethod.APP_GPS, null),
                        new VisitDelivered(
                                VISIT,
                                ACME,
                                CLIENT,
                                WORKER,
                                DeliverySource.ECM,
                                at("09:00"),
                                at("09:37"),
                                60,
                                37,
                                false,
                                false,
                                true,
                                0,
                                null,
                                new Billing(BillingRule.ROUNDED, 15, 7, RATE, 30, 925)),
                        verifiedDelivery());
    }

    @Test
    @DisplayName("ROUNDED billing in 15-minute units with a 7-minute tolerance bills 38 delivered minutes as 45")
    void roundedBillingRoundsThirtyEightUpToFortyFive() {
        visitFixture(roster(), new BillingPolicy(BillingRule.ROUNDED, 15, 7, 0))
                .given(scheduled(), checkedIn(at("09:00"), false, 0))
                .when(checkOut(at("09:38")))
                .expectEvents(
                        new VisitCheckedOut(VISIT, at("09:38"), EcmMethod.APP_GPS, null),
                        new VisitDelivered(
                                VISIT,
                                ACME,
                                CLIENT,
                                WORKER,
                                DeliverySource.ECM,
                                at("09:00"),
                                at("09:38"),
                                60,
                                38,
                                false,
                                false,
                                true,
                                0,
                                null,
                                // 45 minutes at 1850p an hour is 1387.5p, rounded half up to 1388p
                                new Billing(BillingRule.ROUNDED, 15, 7, RATE, 45, 1388)),
                        verifiedDelivery());
    }

    @Test
    @DisplayName("delivery recorded without ECM produces VisitDelivered with source RECORDED")
    void recordDeliveryWithoutEcm() {
        fixture.given(scheduled())
                .when(new RecordDelivery(VISIT, at("09:10"), 45, false, "phone battery died"))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(
                        new VisitDelivered(
                                VISIT,
                                ACME,
                                CLIENT,
                                WORKER,
                                DeliverySource.RECORDED,
                                at("09:10"),
                                at("09:55"),
                                60,
                                45,
                                false,
                                false,
                                true,
                                0,
                                "phone battery died",
                                new Billing(BillingRule.ACTUAL, 0, 0, RATE, 45, 1388)),
                        recordedDelivery());
    }

    @Test
    @DisplayName("a repeat of the recorded delivery is answered ALREADY_RECORDED and records nothing")
    void repeatedRecordDeliveryIsAlreadyRecorded() {
        fixture.given(scheduled())
                .andGivenCommands(new RecordDelivery(VISIT, at("09:10"), 45, false, "phone battery died"))
                .when(new RecordDelivery(VISIT, at("09:10"), 45, false, "phone battery died"))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a recorded delivery repeated with the same minutes but another reason is a conflict, not a retry")
    void recordDeliveryRepeatedWithOtherReasonIsRefused() {
        fixture.given(scheduled())
                .andGivenCommands(new RecordDelivery(VISIT, at("09:10"), 45, false, "phone battery died"))
                .when(new RecordDelivery(VISIT, at("09:10"), 45, false, "app crashed"))
                .expectException(refusedWith("visit-already-delivered", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("delivered minutes recorded without ECM need a reason")
    void recordDeliveryWithoutReasonIsRefused() {
        fixture.given(scheduled())
                .when(new RecordDelivery(VISIT, at("09:10"), 45, false, " "))
                .expectException(refusedWith("delivery-reason-required", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("delivery cannot be recorded by hand on a visit checked in by ECM")
    void recordDeliveryAfterCheckInIsRefused() {
        fixture.given(scheduled(), checkedIn(at("09:05"), false, 5))
                .when(new RecordDelivery(VISIT, at("09:05"), 60, false, "app crashed at check-out"))
                .expectException(refusedWith("visit-already-delivered", 409))
                .expectNoEvents();
    }

    // --- cancellation ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a cancellation records the notice given, in minutes before planned start")
    void cancellationRecordsNotice() {
        fixture.given(scheduled())
                .when(new CancelVisit(VISIT, CancellationInitiator.CLIENT, "in hospital", at("07:30")))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(new VisitCancelled(
                        VISIT,
                        ACME,
                        WORKER,
                        CancellationInitiator.CLIENT,
                        "in hospital",
                        at("07:30"),
                        PLANNED_START,
                        90));
    }

    @Test
    @DisplayName("a cancellation after planned start records negative notice")
    void lateCancellationRecordsNegativeNotice() {
        fixture.given(scheduled())
                .when(new CancelVisit(VISIT, CancellationInitiator.PROVIDER, "worker unwell", at("09:20")))
                .expectEvents(new VisitCancelled(
                        VISIT,
                        ACME,
                        WORKER,
                        CancellationInitiator.PROVIDER,
                        "worker unwell",
                        at("09:20"),
                        PLANNED_START,
                        -20));
    }

    @Test
    @DisplayName("a cancelled visit is not recorded as missed when its visit-missed deadline fires")
    void cancelledVisitIsNotMissedWhenTheDeadlineFires() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(
                        new ScheduleVisit(VISIT, plan(60), REQUESTED_AT),
                        new CancelVisit(VISIT, CancellationInitiator.CLIENT, "in hospital", at("07:30")))
                .whenThenTimeAdvancesTo(PLANNED_START.plus(Duration.ofHours(3)))
                .expectTriggeredDeadlinesWithName(Visit.OVERDUE_DEADLINE, Visit.MISSED_DEADLINE)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a check-in on a cancelled visit is refused because the visit is no longer open")
    void checkInOnCancelledVisitIsRefused() {
        fixture.given(
                        scheduled(),
                        new VisitCancelled(
                                VISIT,
                                ACME,
                                WORKER,
                                CancellationInitiator.CLIENT,
                                "in hospital",
                                at("07:30"),
                                PLANNED_START,
                                90))
                .when(checkIn(at("09:05")))
                .expectException(refusedWith("visit-not-open", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a repeat of the recorded cancellation is answered ALREADY_RECORDED and records nothing")
    void repeatedCancellationIsAlreadyRecorded() {
        fixture.given(
                        scheduled(),
                        new VisitCancelled(
                                VISIT,
                                ACME,
                                WORKER,
                                CancellationInitiator.CLIENT,
                                "in hospital",
                                at("07:30"),
                                PLANNED_START,
                                90))
                .when(new CancelVisit(VISIT, CancellationInitiator.CLIENT, "in hospital", at("07:45")))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a different cancellation of a cancelled visit is refused because the visit is no longer open")
    void differentCancellationOfCancelledVisitIsRefused() {
        fixture.given(
                        scheduled(),
                        new VisitCancelled(
                                VISIT,
                                ACME,
                                WORKER,
                                CancellationInitiator.CLIENT,
                                "in hospital",
                                at("07:30"),
                                PLANNED_START,
                                90))
                .when(new CancelVisit(VISIT, CancellationInitiator.COUNCIL, "package under review", at("08:00")))
                .expectException(refusedWith("visit-not-open", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a delivered visit cannot be cancelled")
    void deliveredVisitCannotBeCancelled() {
        fixture.given(scheduled())
                .andGivenCommands(new RecordDelivery(VISIT, at("09:10"), 45, false, "phone battery died"))
                .when(new CancelVisit(VISIT, CancellationInitiator.CLIENT, "changed my mind", at("10:30")))
                .expectException(refusedWith("visit-not-open", 409))
                .expectNoEvents();
    }
}
