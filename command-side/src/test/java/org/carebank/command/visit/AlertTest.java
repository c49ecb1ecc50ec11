package org.carebank.command.visit;

import static org.carebank.command.Refusals.refusedWith;
import static org.carebank.command.visit.VisitFixtures.ACME;
import static org.carebank.command.visit.VisitFixtures.CLIENT;
import static org.carebank.command.visit.VisitFixtures.HOME;
import static org.carebank.command.visit.VisitFixtures.PLANNED_START;
import static org.carebank.command.visit.VisitFixtures.REQUESTED_AT;
import static org.carebank.command.visit.VisitFixtures.VISIT;
import static org.carebank.command.visit.VisitFixtures.WORKER;
import static org.carebank.command.visit.VisitFixtures.alertRaised;
import static org.carebank.command.visit.VisitFixtures.plan;
import static org.carebank.command.visit.VisitFixtures.roster;
import static org.carebank.command.visit.VisitFixtures.scheduled;
import static org.carebank.command.visit.VisitFixtures.timeCriticalPlan;
import static org.carebank.command.visit.VisitFixtures.visitFixture;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.kernel.alert.AcknowledgeAlert;
import org.carebank.kernel.alert.AlertAcknowledged;
import org.carebank.kernel.alert.AlertEscalated;
import org.carebank.kernel.alert.AlertIds;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertOutcome;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertResolved;
import org.carebank.kernel.alert.ResolveAlert;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.RescheduleVisit;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Alerts on a visit planned for 09:00: raised by the deadlines, escalated, acknowledged and resolved (ADR 0017). */
class AlertTest {

    private static final String FIRST = AlertIds.of(VISIT, 1);
    private static final String SECOND = AlertIds.of(VISIT, 2);
    private static final Caller ACME_CALLER = new Caller("anna", Role.PROVIDER, ACME);
    private static final Caller OTHER_PROVIDER = new Caller("bob", Role.PROVIDER, "P-OTHER");
    private static final Caller COUNCIL = new Caller("clara", Role.COUNCIL, null);

    private AggregateTestFixture<Visit> fixture;

    @BeforeEach
    void setUp() {
        fixture = visitFixture(roster(), BillingPolicy.actual());
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + "Z");
    }

    private static AlertRaised overdue(Instant at) {
        return alertRaised(1, AlertKind.OVERDUE, false, PLANNED_START, at);
    }

    private static AlertRaised timeCriticalOverdue(Instant at) {
        return alertRaised(1, AlertKind.OVERDUE, true, PLANNED_START, at);
    }

    private static VisitScheduled timeCriticalScheduled() {
        return new VisitScheduled(VISIT, timeCriticalPlan(60), CLIENT, ACME, "NORTH", 1850, 15, 60);
    }

    private static AlertResolved resolved(String alertId, AlertOutcome outcome, String note, Instant at, boolean auto) {
        return new AlertResolved(alertId, VISIT, ACME, outcome, note, at, auto);
    }

    // --- raised by the deadlines ----------------------------------------------------------------------------------

    @Test
    @DisplayName("an overdue deadline is set at planned start plus 30 minutes, and none for escalation")
    void overdueDeadlineAtThirtyMinutes() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .when(new ScheduleVisit(VISIT, plan(60), REQUESTED_AT))
                .expectScheduledDeadline(at("09:30:00"), new OverdueVisitDue(PLANNED_START, at("09:30:00")))
                .expectScheduledDeadlineWithName(at("09:30:00"), Visit.OVERDUE_DEADLINE);
    }

    @Test
    @DisplayName("a visit not checked in raises OVERDUE at 09:30 exactly, not a second before")
    void overdueFiresAtThirtyMinutes() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, plan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("09:29:59"))
                .expectNoEvents();
        fixture = visitFixture(roster(), BillingPolicy.actual()); // a deadline clock starts once
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, plan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("09:30:00"))
                .expectTriggeredDeadlinesWithName(Visit.OVERDUE_DEADLINE)
                .expectEvents(overdue(at("09:30:00")));
    }

    @Test
    @DisplayName("a time-critical visit raises OVERDUE at 15 minutes, with an escalation deadline 15 minutes later")
    void timeCriticalOverdueFiresAtFifteenMinutes() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, timeCriticalPlan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("09:14:59"))
                .expectNoEvents();
        fixture = visitFixture(roster(), BillingPolicy.actual()); // a deadline clock starts once
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, timeCriticalPlan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("09:15:00"))
                .expectEvents(timeCriticalOverdue(at("09:15:00")))
                .expectScheduledDeadline(at("09:30:00"), new AlertEscalationDue(PLANNED_START, at("09:30:00"), 15));
    }

    @Test
    @DisplayName("a check-in before the late threshold means no alert is raised, ever")
    void noOverdueAfterCheckIn() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(
                        new ScheduleVisit(VISIT, timeCriticalPlan(60), REQUESTED_AT),
                        new CheckInVisit(VISIT, at("09:10:00"), EcmMethod.APP_GPS, null, HOME))
                .whenThenTimeAdvancesTo(at("12:00:00"))
                .expectTriggeredDeadlinesWithName(
                        Visit.OVERDUE_DEADLINE,
                        Visit.ESCALATION_DEADLINE,
                        Visit.MISSED_DEADLINE,
                        Visit.ESCALATION_DEADLINE)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a visit scheduled after its late moment but before its miss is overdue at once")
    void scheduledLateIsOverdueAtOnce() {
        Instant now = at("09:40:00");
        fixture.givenCurrentTime(now)
                .when(new ScheduleVisit(VISIT, plan(60), now))
                .expectEvents(scheduled(), overdue(now));
    }

    @Test
    @DisplayName("a check-in on an overdue visit resolves its alert WORKER_ARRIVED, automatically")
    void checkInResolvesOverdue() {
        fixture.given(scheduled(), overdue(at("09:30:00")))
                .when(new CheckInVisit(VISIT, at("09:41:00"), EcmMethod.APP_GPS, null, HOME))
                .expectEvents(
                        new VisitCheckedIn(VISIT, WORKER, at("09:41:00"), EcmMethod.APP_GPS, null, HOME, true, 41),
                        resolved(FIRST, AlertOutcome.WORKER_ARRIVED, "checked in", at("09:41:00"), true));
    }

    @Test
    @DisplayName("a reschedule resolves the open alerts VISIT_REARRANGED")
    void rescheduleResolvesAlerts() {
        Instant newStart = at("14:00:00");
        fixture.given(scheduled(), overdue(at("09:30:00")))
                .when(new RescheduleVisit(VISIT, newStart, 60, at("09:35:00")))
                .expectEvents(
                        new VisitRescheduled(VISIT, WORKER, PLANNED_START, 60, newStart, 60),
                        resolved(FIRST, AlertOutcome.VISIT_REARRANGED, "visit rescheduled", at("09:35:00"), true));
    }

    // --- escalation -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a time-critical alert still open 15 minutes after it was raised is escalated, as an alert of its own")
    void openTimeCriticalAlertIsEscalatedAfterFifteenMinutes() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, timeCriticalPlan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("09:29:59"))
                .expectEvents(timeCriticalOverdue(at("09:15:00")));
        fixture = visitFixture(roster(), BillingPolicy.actual()); // a deadline clock starts once
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, timeCriticalPlan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("09:30:00"))
                .expectEvents(
                        timeCriticalOverdue(at("09:15:00")),
                        new AlertEscalated(FIRST, VISIT, ACME, SECOND, 15, at("09:30:00")),
                        new AlertRaised(
                                SECOND,
                                AlertKind.ESCALATED,
                                VISIT,
                                ACME,
                                CLIENT,
                                true,
                                PLANNED_START,
                                at("09:30:00"),
                                FIRST));
    }

    @Test
    @DisplayName("an acknowledged time-critical alert is not escalated")
    void acknowledgedAlertIsNotEscalated() {
        Instant now = at("09:20:00"); // between the late (09:15) and missed (10:00) moments: overdue at once
        fixture.givenCurrentTime(now)
                .andGivenCommands(
                        new ScheduleVisit(VISIT, timeCriticalPlan(60), now),
                        new AcknowledgeAlert(FIRST, VISIT, "calling the worker", at("09:25:00")))
                .whenThenTimeAdvancesTo(at("09:50:00"))
                .expectTriggeredDeadlinesWithName(Visit.ESCALATION_DEADLINE)
                .expectNoEvents();
    }

    @Test
    @DisplayName("an alert that is not time-critical is never escalated")
    void ordinaryAlertIsNotEscalated() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, plan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("10:59:00"))
                .expectTriggeredDeadlinesWithName(Visit.OVERDUE_DEADLINE)
                .expectEvents(overdue(at("09:30:00")));
    }

    // --- lifecycle ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("the provider acknowledges an open alert with a note")
    void acknowledgeOpenAlert() {
        fixture.given(scheduled(), overdue(at("09:30:00")))
                .when(
                        new AcknowledgeAlert(FIRST, VISIT, "worker stuck in traffic", at("09:33:00")),
                        ACME_CALLER.toMetaData())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(new AlertAcknowledged(FIRST, VISIT, ACME, "worker stuck in traffic", at("09:33:00")));
    }

    @Test
    @DisplayName("the same acknowledgement again is ALREADY_RECORDED; another one is refused 409")
    void acknowledgeTwice() {
        var acknowledged = new AlertAcknowledged(FIRST, VISIT, ACME, "on it", at("09:33:00"));
        fixture.given(scheduled(), overdue(at("09:30:00")), acknowledged)
                .when(new AcknowledgeAlert(FIRST, VISIT, "on it", at("09:34:00")))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(scheduled(), overdue(at("09:30:00")), acknowledged)
                .when(new AcknowledgeAlert(FIRST, VISIT, "council here", at("09:34:00")), COUNCIL.toMetaData())
                .expectException(refusedWith("alert-already-acknowledged", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("acknowledging a resolved alert is refused 409 alert-already-resolved")
    void acknowledgeResolvedIsRefused() {
        fixture.given(
                        scheduled(),
                        overdue(at("09:30:00")),
                        resolved(FIRST, AlertOutcome.VISIT_REARRANGED, "moved", at("09:40:00"), false))
                .when(new AcknowledgeAlert(FIRST, VISIT, "late", at("09:45:00")))
                .expectException(refusedWith("alert-already-resolved", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("resolving straight from OPEN is allowed (no acknowledgement needed first)")
    void resolveOpenAlert() {
        fixture.given(scheduled(), overdue(at("09:30:00")))
                .when(new ResolveAlert(
                        FIRST, VISIT, AlertOutcome.CLIENT_NOT_AT_HOME, "client at hospital", at("09:50:00")))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(
                        resolved(FIRST, AlertOutcome.CLIENT_NOT_AT_HOME, "client at hospital", at("09:50:00"), false));
    }

    @Test
    @DisplayName("an acknowledged alert is resolved with an outcome; the same resolution again is ALREADY_RECORDED")
    void resolveAcknowledgedAlert() {
        var acknowledged = new AlertAcknowledged(FIRST, VISIT, ACME, "on it", at("09:33:00"));
        fixture.given(scheduled(), overdue(at("09:30:00")), acknowledged)
                .when(new ResolveAlert(FIRST, VISIT, AlertOutcome.CLIENT_SAFE_NOT_VISITED, "spoke", at("09:50:00")))
                .expectEvents(resolved(FIRST, AlertOutcome.CLIENT_SAFE_NOT_VISITED, "spoke", at("09:50:00"), false));
        var resolution = resolved(FIRST, AlertOutcome.CLIENT_SAFE_NOT_VISITED, "spoke", at("09:50:00"), false);
        fixture.given(scheduled(), overdue(at("09:30:00")), acknowledged, resolution)
                .when(new ResolveAlert(FIRST, VISIT, AlertOutcome.CLIENT_SAFE_NOT_VISITED, "spoke", at("09:55:00")))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(scheduled(), overdue(at("09:30:00")), acknowledged, resolution)
                .when(new ResolveAlert(FIRST, VISIT, AlertOutcome.OTHER, "changed my mind", at("09:55:00")))
                .expectException(refusedWith("alert-already-resolved", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("resolving an escalated alert also ends its escalation")
    void resolvingEndsTheEscalation() {
        fixture.given(
                        timeCriticalScheduled(),
                        timeCriticalOverdue(at("09:15:00")),
                        new AlertEscalated(FIRST, VISIT, ACME, SECOND, 15, at("09:30:00")),
                        new AlertRaised(
                                SECOND,
                                AlertKind.ESCALATED,
                                VISIT,
                                ACME,
                                CLIENT,
                                true,
                                PLANNED_START,
                                at("09:30:00"),
                                FIRST))
                .when(new ResolveAlert(FIRST, VISIT, AlertOutcome.VISIT_REARRANGED, "carer sent", at("09:40:00")))
                .expectEvents(
                        resolved(FIRST, AlertOutcome.VISIT_REARRANGED, "carer sent", at("09:40:00"), false),
                        resolved(
                                SECOND, AlertOutcome.VISIT_REARRANGED, "resolved with " + FIRST, at("09:40:00"), true));
    }

    @Test
    @DisplayName("another provider's alert, or an alert the visit never had, is unknown (404)")
    void otherProvidersAlertIsUnknown() {
        fixture.given(scheduled(), overdue(at("09:30:00")))
                .when(new AcknowledgeAlert(FIRST, VISIT, "mine?", at("09:33:00")), OTHER_PROVIDER.toMetaData())
                .expectException(refusedWith("unknown-alert", 404))
                .expectNoEvents();
        fixture.given(scheduled(), overdue(at("09:30:00")))
                .when(new ResolveAlert(SECOND, VISIT, AlertOutcome.OTHER, "n/a", at("09:33:00")))
                .expectException(refusedWith("unknown-alert", 404))
                .expectNoEvents();
    }

    @Test
    @DisplayName("the escalation setting moves the escalation moment")
    void escalationSettingIsUsed() {
        var rules = new AlertRules(Duration.ofMinutes(5));
        var custom = new AggregateTestFixture<>(Visit.class);
        custom.registerInjectableResource(VisitRules.defaults());
        custom.registerInjectableResource(BillingPolicy.actual());
        custom.registerAnnotatedCommandHandler(new VisitScheduling(
                custom.getRepository(),
                roster(),
                VisitRules.defaults(),
                rules,
                VisitFixtures.deadlineManagerOf(custom)));
        custom.givenCurrentTime(REQUESTED_AT)
                .andGivenCommands(new ScheduleVisit(VISIT, timeCriticalPlan(60), REQUESTED_AT))
                .whenThenTimeAdvancesTo(at("09:20:00"))
                .expectEvents(
                        timeCriticalOverdue(at("09:15:00")),
                        new AlertEscalated(FIRST, VISIT, ACME, SECOND, 5, at("09:20:00")),
                        new AlertRaised(
                                SECOND,
                                AlertKind.ESCALATED,
                                VISIT,
                                ACME,
                                CLIENT,
                                true,
                                PLANNED_START,
                                at("09:20:00"),
                                FIRST));
    }
}
