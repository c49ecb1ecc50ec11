package org.carebank.command.visit;

import static org.carebank.command.visit.VisitFixtures.ACME;
import static org.carebank.command.visit.VisitFixtures.CLIENT;
import static org.carebank.command.visit.VisitFixtures.PLANNED_START;
import static org.carebank.command.visit.VisitFixtures.RATE;
import static org.carebank.command.visit.VisitFixtures.VISIT;
import static org.carebank.command.visit.VisitFixtures.WORKER;
import static org.carebank.command.visit.VisitFixtures.deadlineManagerOf;
import static org.carebank.command.visit.VisitFixtures.plan;
import static org.carebank.command.visit.VisitFixtures.roster;
import static org.carebank.command.visit.VisitFixtures.scheduled;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.DeliverySource;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.ImportVisit;
import org.carebank.kernel.visit.ImportVisits;
import org.carebank.kernel.visit.RecordSource;
import org.carebank.kernel.visit.RosterOutcome;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A history import line: the live rules, in one step, marked IMPORT, and no missed deadline for the past. */
class VisitImportTest {

    /** A week after the visit: every threshold of it has passed. */
    private static final Instant IMPORTED_AT = PLANNED_START.plus(Duration.ofDays(7));

    private final StubCommandLookups lookups = roster();
    private AggregateTestFixture<Visit> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Visit.class);
        var rules = VisitRules.defaults();
        fixture.registerInjectableResource(rules);
        fixture.registerInjectableResource(BillingPolicy.actual());
        fixture.registerInjectableResource(VerificationSettings.defaults());
        var scheduling = new VisitScheduling(
                fixture.getRepository(), lookups, rules, AlertRules.defaults(), deadlineManagerOf(fixture));
        fixture.registerAnnotatedCommandHandler(scheduling);
        fixture.registerAnnotatedCommandHandler(new VisitImport(
                fixture.getRepository(),
                lookups,
                scheduling,
                rules,
                AlertRules.defaults(),
                BillingPolicy.actual(),
                deadlineManagerOf(fixture)));
    }

    private static ImportVisit delivered(Instant in, Instant out, boolean endedEarly) {
        return new ImportVisit(VISIT, plan(60), in, out, EcmMethod.APP_GPS, endedEarly, null, IMPORTED_AT);
    }

    private static ImportVisit notRecorded() {
        return new ImportVisit(VISIT, plan(60), null, null, null, false, null, IMPORTED_AT);
    }

    private static ImportVisits chunk(ImportVisit... lines) {
        return new ImportVisits(List.of(lines));
    }

    private static Instant at(int minutesAfterPlannedStart) {
        return PLANNED_START.plus(Duration.ofMinutes(minutesAfterPlannedStart));
    }

    @Test
    @DisplayName("a delivered past visit is scheduled, checked in, checked out and delivered in one step, as live")
    void importsDeliveredVisit() {
        // 09:05 to 09:55: 50 of 60 minutes, under 85% and not ended early, so short; billed 50 min at 1850p/h.
        fixture.givenNoPriorActivity()
                .when(chunk(delivered(at(5), at(55), false)))
                .expectResultMessagePayload(new RosterOutcome(List.of(RosterOutcome.Line.of(CommandOutcome.RECORDED))))
                .expectEvents(
                        scheduled(),
                        new VisitCheckedIn(VISIT, WORKER, at(5), EcmMethod.APP_GPS, null, null, false, 5),
                        new VisitCheckedOut(VISIT, at(55), EcmMethod.APP_GPS, null),
                        new VisitDelivered(
                                VISIT,
                                ACME,
                                CLIENT,
                                WORKER,
                                DeliverySource.ECM,
                                at(5),
                                at(55),
                                60,
                                50,
                                false,
                                false,
                                true,
                                0,
                                null,
                                new Billing(BillingRule.ACTUAL, 0, 0, RATE, 50, 1542)))
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("every event of an imported visit carries source: IMPORT in its metadata")
    void importedEventsAreMarked() {
        fixture.givenNoPriorActivity()
                .when(chunk(delivered(at(5), at(65), false)))
                .expectEventsMatching(allMarkedImport(4));
    }

    @Test
    @DisplayName("a past visit with no outcome gets no missed deadline and no miss: it stays as the old system had it")
    void pastVisitWithoutOutcomeIsNotMissed() {
        fixture.givenNoPriorActivity()
                .when(chunk(notRecorded()))
                .expectEvents(scheduled())
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("an imported visit whose missed moment is still ahead is watched like a live one")
    void visitImportedBeforeItsMissedMomentIsWatched() {
        Instant justBefore = at(119);
        fixture.givenNoPriorActivity()
                .when(chunk(new ImportVisit(VISIT, plan(60), null, null, null, false, null, justBefore)))
                .expectEvents(scheduled())
                .expectScheduledDeadline(at(120), new MissedVisitDue(PLANNED_START, at(120)));
    }

    @Test
    @DisplayName("a late check-in is late as live (31 minutes after the start, the threshold is 30)")
    void lateCheckInIsLate() {
        fixture.givenNoPriorActivity()
                .when(chunk(delivered(at(31), at(91), false)))
                .expectEventsMatching(
                        eventAt(1, new VisitCheckedIn(VISIT, WORKER, at(31), EcmMethod.APP_GPS, null, null, true, 31)));
    }

    @Test
    @DisplayName("without a method an imported time is MANUAL, with the reason the live rule asks for")
    void importedTimeWithoutMethodIsManual() {
        var line = new ImportVisit(VISIT, plan(60), at(0), at(60), null, false, null, IMPORTED_AT);
        fixture.givenNoPriorActivity()
                .when(chunk(line))
                .expectEventsMatching(eventAt(
                        1,
                        new VisitCheckedIn(
                                VISIT, WORKER, at(0), EcmMethod.MANUAL, Visit.IMPORTED_MANUAL_REASON, null, false, 0)));
    }

    @Test
    @DisplayName("a cancelled past visit is recorded cancelled, with its notice")
    void importsCancelledVisit() {
        var cancellation = new ImportVisit.Cancellation(CancellationInitiator.CLIENT, "in hospital", at(-120));
        fixture.givenNoPriorActivity()
                .when(chunk(new ImportVisit(VISIT, plan(60), null, null, null, false, cancellation, IMPORTED_AT)))
                .expectEvents(
                        scheduled(),
                        new VisitCancelled(
                                VISIT,
                                ACME,
                                WORKER,
                                CancellationInitiator.CLIENT,
                                "in hospital",
                                at(-120),
                                PLANNED_START,
                                120))
                .expectNoScheduledDeadlines();
    }

    @Test
    @DisplayName("refused lines store nothing: check-out not after check-in, check-out alone, cancelled with times")
    void refusedOutcomes() {
        expectRefused(delivered(at(30), at(30), false), "check-out-before-check-in");
        expectRefused(
                new ImportVisit(VISIT, plan(60), null, at(60), null, false, null, IMPORTED_AT),
                "import-check-out-without-check-in");
        var cancellation = new ImportVisit.Cancellation(CancellationInitiator.CLIENT, "x", at(-60));
        expectRefused(
                new ImportVisit(VISIT, plan(60), at(0), null, null, false, cancellation, IMPORTED_AT),
                "import-cancelled-with-times");
    }

    @Test
    @DisplayName("the ECM window applies: a check-in 24 hours from the start is accepted, a minute more is refused")
    void ecmWindowApplies() {
        fixture.givenNoPriorActivity()
                .when(chunk(new ImportVisit(
                        VISIT, plan(60), at(24 * 60), null, EcmMethod.APP_GPS, false, null, IMPORTED_AT)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(allMarkedImport(2));
        expectRefused(
                new ImportVisit(VISIT, plan(60), at(24 * 60 + 1), null, EcmMethod.APP_GPS, false, null, IMPORTED_AT),
                "ecm-time-out-of-window");
    }

    @Test
    @DisplayName("an import records the past: a check-out after the moment of the import is refused")
    void futureTimesAreRefused() {
        var line = new ImportVisit(VISIT, plan(60), at(0), at(60), EcmMethod.APP_GPS, false, null, at(59));
        expectRefused(line, "import-time-in-future");
    }

    @Test
    @DisplayName("a visit under 30 minutes needs its justification, as live")
    void shortPlanNeedsJustification() {
        expectRefused(
                new ImportVisit(VISIT, plan(15), null, null, null, false, null, IMPORTED_AT),
                "short-visit-not-justified");
    }

    @Test
    @DisplayName("a worker who had left by the visit's day is refused (worker-left)")
    void workerWhoLeftIsRefused() {
        lookups.workerLeft(WORKER, LocalDate.parse("2026-11-23"));
        expectRefused(notRecorded(), "worker-left");
    }

    @Test
    @DisplayName("a re-import of the same line is UNCHANGED; the same id with another outcome is refused 409")
    void reimport() {
        var line = delivered(at(5), at(55), false);
        fixture.givenCommands(chunk(line))
                .when(chunk(line))
                .expectResultMessagePayload(
                        new RosterOutcome(List.of(RosterOutcome.Line.of(CommandOutcome.ALREADY_RECORDED))))
                .expectNoEvents();
        fixture.givenCommands(chunk(line))
                .when(chunk(delivered(at(5), at(56), false)))
                .expectResultMessagePayloadMatching(lineRefused(0, "visit-id-reused"))
                .expectNoEvents();
    }

    private void expectRefused(ImportVisit line, String type) {
        fixture.givenNoPriorActivity()
                .when(chunk(line))
                .expectResultMessagePayloadMatching(lineRefused(0, type))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    private static Matcher<Object> lineRefused(int index, String type) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof RosterOutcome outcome
                        && outcome.lines().get(index).refusal() != null
                        && outcome.lines().get(index).refusal().type().equals(type);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("line " + index + " refused with " + type);
            }
        };
    }

    private static Matcher<List<EventMessage<?>>> allMarkedImport(int count) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.size() == count
                        && events.stream()
                                .allMatch(e -> RecordSource.IMPORT.equals(
                                        e.getMetaData().get(RecordSource.KEY)));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(count + " events, each with source: IMPORT");
            }
        };
    }

    private static Matcher<List<EventMessage<?>>> eventAt(int index, Object payload) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return events.size() > index && events.get(index).getPayload().equals(payload);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("event " + index + " = " + payload);
            }
        };
    }
}
