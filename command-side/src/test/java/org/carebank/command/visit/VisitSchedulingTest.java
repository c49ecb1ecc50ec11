package org.carebank.command.visit;

import static org.carebank.command.Refusals.refusedWith;
import static org.carebank.command.visit.VisitFixtures.ACME;
import static org.carebank.command.visit.VisitFixtures.CLIENT;
import static org.carebank.command.visit.VisitFixtures.HOME;
import static org.carebank.command.visit.VisitFixtures.OFFERED_PACKAGE;
import static org.carebank.command.visit.VisitFixtures.PACKAGE;
import static org.carebank.command.visit.VisitFixtures.PLANNED_START;
import static org.carebank.command.visit.VisitFixtures.RATE;
import static org.carebank.command.visit.VisitFixtures.REQUESTED_AT;
import static org.carebank.command.visit.VisitFixtures.SUSPENDED_PACKAGE;
import static org.carebank.command.visit.VisitFixtures.SUSPENDED_WORKER;
import static org.carebank.command.visit.VisitFixtures.VISIT;
import static org.carebank.command.visit.VisitFixtures.WORKER;
import static org.carebank.command.visit.VisitFixtures.ZONE;
import static org.carebank.command.visit.VisitFixtures.alertRaised;
import static org.carebank.command.visit.VisitFixtures.plan;
import static org.carebank.command.visit.VisitFixtures.roster;
import static org.carebank.command.visit.VisitFixtures.scheduled;
import static org.carebank.command.visit.VisitFixtures.timeCriticalPlan;
import static org.carebank.command.visit.VisitFixtures.visitFixture;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.RescheduleVisit;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Scheduling through {@link VisitScheduling}, and the missed-visit deadline it sets. */
class VisitSchedulingTest {

    private static final Instant MISSED_AT = PLANNED_START.plus(Duration.ofMinutes(120));

    private final StubCommandLookups lookups = roster();
    private AggregateTestFixture<Visit> fixture;

    @BeforeEach
    void setUp() {
        fixture = visitFixture(lookups, BillingPolicy.actual());
    }

    private static ScheduleVisit schedule(VisitPlan plan) {
        return new ScheduleVisit(VISIT, plan, REQUESTED_AT);
    }

    @Test
    @DisplayName(
            "a visit on an active package of an admitted provider is scheduled with the package facts and thresholds")
    void schedulesVisit() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(plan(60)))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(scheduled());
    }

    @Test
    @DisplayName("a visit planned under 30 minutes without a justification is refused")
    void shortVisitWithoutJustificationIsRefused() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(plan(20)))
                .expectException(CommandRefusedException.class)
                .expectException(refusedWith("short-visit-not-justified", 422))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a blank justification does not justify a short visit")
    void shortVisitWithBlankJustificationIsRefused() {
        var blank = new VisitPlan(PACKAGE, WORKER, PLANNED_START, 15, false, "  ", HOME, 10);
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(blank))
                .expectException(refusedWith("short-visit-not-justified", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a visit planned under 30 minutes is accepted with a justification")
    void shortVisitWithJustificationIsScheduled() {
        var justified = new VisitPlan(PACKAGE, WORKER, PLANNED_START, 15, false, "medication prompt only", HOME, 10);
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(justified))
                .expectEvents(new VisitScheduled(VISIT, justified, CLIENT, ACME, ZONE, RATE, 30, 120));
    }

    @Test
    @DisplayName("a worker who left on the visit's day is refused (worker-left): the leaving day is the first day off")
    void workerWhoLeftOnTheDayIsRefused() {
        lookups.workerLeft(WORKER, LocalDate.parse("2026-11-23"));
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(plan(60)))
                .expectException(refusedWith("worker-left", 422))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a worker leaving the day after the visit is still booked for it")
    void workerLeavingTheDayAfterIsBooked() {
        lookups.workerLeft(WORKER, LocalDate.parse("2026-11-24"));
        fixture.givenCurrentTime(REQUESTED_AT).when(schedule(plan(60))).expectEvents(scheduled());
    }

    @Test
    @DisplayName("the leaving day is a UK day: 00:30 BST on the leaving day is already on it (23:30Z the day before)")
    void leavingDayIsReadInLondonTime() {
        lookups.workerLeft(WORKER, LocalDate.parse("2026-07-01"));
        var summerNight =
                new VisitPlan(PACKAGE, WORKER, Instant.parse("2026-06-30T23:30:00Z"), 60, false, null, HOME, 10);
        fixture.givenCurrentTime(Instant.parse("2026-06-20T10:00:00Z"))
                .when(new ScheduleVisit(VISIT, summerNight, Instant.parse("2026-06-20T10:00:00Z")))
                .expectException(refusedWith("worker-left", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a visit cannot be rescheduled onto or after its worker's leaving day")
    void rescheduleAfterLeavingIsRefused() {
        lookups.workerLeft(WORKER, LocalDate.parse("2026-11-24"));
        fixture.given(scheduled())
                .when(new RescheduleVisit(VISIT, PLANNED_START.plus(Duration.ofDays(1)), 60, REQUESTED_AT))
                .expectException(refusedWith("worker-left", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a worker already booked into an overlapping visit cannot be booked again")
    void doubleBookedWorkerIsRefused() {
        lookups.booking(
                "V-0", WORKER, PLANNED_START.plus(Duration.ofMinutes(45)), Instant.parse("2026-11-23T10:30:00Z"));
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(plan(60)))
                .expectException(refusedWith("worker-double-booked", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a booking that ends when the new visit starts does not overlap it")
    void backToBackVisitsAreNotDoubleBooked() {
        lookups.booking("V-0", WORKER, Instant.parse("2026-11-23T08:00:00Z"), PLANNED_START);
        fixture.givenCurrentTime(REQUESTED_AT).when(schedule(plan(60))).expectEvents(scheduled());
    }

    @Test
    @DisplayName("visits are scheduled only on an ACTIVE package")
    void packageNotActiveIsRefused() {
        var onOfferedPackage = new VisitPlan(OFFERED_PACKAGE, WORKER, PLANNED_START, 60, false, null, HOME, 10);
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(onOfferedPackage))
                .expectException(refusedWith("package-not-active", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a suspended provider cannot have new visits")
    void suspendedProviderIsRefused() {
        var onSuspendedProvider =
                new VisitPlan(SUSPENDED_PACKAGE, SUSPENDED_WORKER, PLANNED_START, 60, false, null, HOME, 10);
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(onSuspendedProvider))
                .expectException(refusedWith("provider-suspended", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a worker of another provider cannot be booked on the package")
    void workerOfAnotherProviderIsRefused() {
        var withOtherWorker = new VisitPlan(PACKAGE, SUSPENDED_WORKER, PLANNED_START, 60, false, null, HOME, 10);
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(withOtherWorker))
                .expectException(refusedWith("worker-not-with-provider", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a PROVIDER caller scheduling on another provider's package is told the package is unknown")
    void providerCallerOnAnotherProvidersPackageGetsUnknownPackage() {
        var other = new Caller("other-coordinator", Role.PROVIDER, "P-OTHER");
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(plan(60)), other.toMetaData())
                .expectException(refusedWith("unknown-package", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("repeating the same schedule request is answered ALREADY_RECORDED and records nothing")
    void repeatedScheduleIsAlreadyRecorded() {
        fixture.given(scheduled())
                .when(schedule(plan(60)))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("scheduling an existing visit id with another plan is refused as a reused id")
    void scheduleWithReusedIdIsRefused() {
        fixture.given(scheduled())
                .when(schedule(plan(45)))
                .expectException(refusedWith("visit-id-reused", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("scheduling sets the visit-missed deadline at planned start plus 120 minutes")
    void schedulingSetsMissedDeadline() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(plan(60)))
                .expectScheduledDeadlineWithName(MISSED_AT, Visit.MISSED_DEADLINE)
                .expectScheduledDeadline(MISSED_AT, new MissedVisitDue(PLANNED_START, MISSED_AT));
    }

    @Test
    @DisplayName("a time-critical visit is missed after 60 minutes, and late after 15")
    void timeCriticalVisitHasShorterThresholds() {
        Instant missedAt = PLANNED_START.plus(Duration.ofMinutes(60));
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(schedule(timeCriticalPlan(60)))
                .expectEvents(new VisitScheduled(VISIT, timeCriticalPlan(60), CLIENT, ACME, ZONE, RATE, 15, 60))
                .expectScheduledDeadlineWithName(missedAt, Visit.MISSED_DEADLINE)
                .expectScheduledDeadline(missedAt, new MissedVisitDue(PLANNED_START, missedAt));
    }

    @Test
    @DisplayName("a visit scheduled after its missed moment has passed is missed at once, with its MISSED alert and no"
            + " deadline")
    void visitScheduledAfterMissedMomentIsMissedAtOnce() {
        Instant lateRequest = Instant.parse("2026-11-23T11:30:00Z");
        fixture.givenCurrentTime(lateRequest)
                .when(new ScheduleVisit(VISIT, plan(60), lateRequest))
                .expectEvents(
                        scheduled(),
                        new VisitMissed(VISIT, ACME, CLIENT, WORKER, PLANNED_START, 150, lateRequest),
                        alertRaised(1, AlertKind.MISSED, false, PLANNED_START, lateRequest))
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("when the visit-missed deadline fires on a visit nobody checked in to, VisitMissed is recorded with a"
            + " MISSED alert, after the OVERDUE alert of the late threshold")
    void missedDeadlineRecordsVisitMissed() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(schedule(plan(60)))
                .whenThenTimeAdvancesTo(MISSED_AT)
                .expectTriggeredDeadlinesWithName(Visit.OVERDUE_DEADLINE, Visit.MISSED_DEADLINE)
                .expectEvents(
                        alertRaised(1, AlertKind.OVERDUE, false, PLANNED_START, PLANNED_START.plusSeconds(30 * 60)),
                        new VisitMissed(VISIT, ACME, CLIENT, WORKER, PLANNED_START, 120, MISSED_AT),
                        alertRaised(2, AlertKind.MISSED, false, PLANNED_START, MISSED_AT));
    }

    @Test
    @DisplayName("the visit-missed deadline does not fire before planned start plus the threshold")
    void missedDeadlineDoesNotFireEarly() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(schedule(plan(60)))
                .whenThenTimeAdvancesTo(MISSED_AT.minusSeconds(1))
                .expectEvents(
                        alertRaised(1, AlertKind.OVERDUE, false, PLANNED_START, PLANNED_START.plusSeconds(30 * 60)))
                .expectScheduledDeadlineWithName(MISSED_AT, Visit.MISSED_DEADLINE);
    }

    @Test
    @DisplayName("a checked-in visit is not recorded as missed when its visit-missed deadline fires")
    void checkedInVisitIsNotMissedWhenTheDeadlineFires() {
        Instant arrived = PLANNED_START.plus(Duration.ofMinutes(5));
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(schedule(plan(60)), new CheckInVisit(VISIT, arrived, EcmMethod.APP_GPS, null, HOME))
                .whenThenTimeAdvancesTo(MISSED_AT.plus(Duration.ofHours(1)))
                .expectTriggeredDeadlinesWithName(Visit.OVERDUE_DEADLINE, Visit.MISSED_DEADLINE)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("a reschedule sets a visit-missed deadline at the new planned start plus 120 minutes")
    void rescheduleSetsMissedDeadlineAtTheNewTime() {
        Instant newStart = Instant.parse("2026-11-23T14:00:00Z");
        Instant newMissedAt = newStart.plus(Duration.ofMinutes(120));
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(schedule(plan(60)))
                .when(new RescheduleVisit(VISIT, newStart, 60, REQUESTED_AT))
                .expectEvents(new VisitRescheduled(VISIT, WORKER, PLANNED_START, 60, newStart, 60))
                .expectScheduledDeadline(newMissedAt, new MissedVisitDue(newStart, newMissedAt));
    }

    @Test
    @DisplayName("after a reschedule the visit is missed only at the new time, not at the old one")
    void rescheduledVisitIsMissedOnlyAtTheNewTime() {
        Instant newStart = Instant.parse("2026-11-23T14:00:00Z");
        Instant newMissedAt = newStart.plus(Duration.ofMinutes(120));
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(schedule(plan(60)), new RescheduleVisit(VISIT, newStart, 60, REQUESTED_AT))
                .whenThenTimeAdvancesTo(newMissedAt)
                .expectTriggeredDeadlinesWithName(
                        Visit.OVERDUE_DEADLINE, Visit.MISSED_DEADLINE, Visit.OVERDUE_DEADLINE, Visit.MISSED_DEADLINE)
                .expectEvents(
                        alertRaised(1, AlertKind.OVERDUE, false, newStart, newStart.plusSeconds(30 * 60)),
                        new VisitMissed(VISIT, ACME, CLIENT, WORKER, newStart, 120, newMissedAt),
                        alertRaised(2, AlertKind.MISSED, false, newStart, newMissedAt));
    }
}
