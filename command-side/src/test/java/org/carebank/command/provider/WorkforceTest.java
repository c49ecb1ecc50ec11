package org.carebank.command.provider;

import static org.carebank.command.Refusals.refusedWith;
import static org.carebank.kernel.provider.CqcRating.GOOD;
import static org.carebank.kernel.provider.CqcRating.INADEQUATE;
import static org.carebank.kernel.provider.CqcRating.REQUIRES_IMPROVEMENT;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.provider.ActionPlanCompleted;
import org.carebank.kernel.provider.ActionPlanOpened;
import org.carebank.kernel.provider.ChangeWorkerPay;
import org.carebank.kernel.provider.CompleteActionPlan;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.LeavingReason;
import org.carebank.kernel.provider.OpenActionPlan;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.QualificationKind;
import org.carebank.kernel.provider.QualificationRecorded;
import org.carebank.kernel.provider.RecordQualification;
import org.carebank.kernel.provider.RecordWorkerLeaving;
import org.carebank.kernel.provider.RegisterWorker;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.provider.WorkerLeft;
import org.carebank.kernel.provider.WorkerPayChanged;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.kernel.refusal.CommandOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The workforce records (pay from a date, leaving, qualifications) and action plans, on the provider aggregate. */
class WorkforceTest {

    private static final String PROVIDER = "P-ACME";
    private static final String WORKER = "W-1";
    private static final LocalDate APRIL = LocalDate.parse("2027-04-01");
    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    private static final Caller COUNCIL = new Caller("council", Role.COUNCIL, null);
    private static final Caller ACME = new Caller("acme-admin", Role.PROVIDER, PROVIDER);

    private AggregateTestFixture<Provider> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Provider.class);
        fixture.registerInjectableResource(ApprovedListPolicy.defaults());
        fixture.registerAnnotatedCommandHandler(
                new WorkerRegistration(fixture.getRepository(), new StubCommandLookups()));
    }

    private static ProviderAdmitted admitted() {
        return new ProviderAdmitted(PROVIDER, "Acme", List.of("NORTH"), ratings(GOOD, GOOD), GOOD);
    }

    private static CqcRatings ratings(CqcRating overall, CqcRating wellLed) {
        return new CqcRatings(overall, GOOD, GOOD, GOOD, GOOD, wellLed, LocalDate.parse("2026-09-14"));
    }

    private static WorkerRegistered worker() {
        return new WorkerRegistered(PROVIDER, WORKER, ContractType.ZERO_HOURS, TravelMode.CAR, 1221);
    }

    private static WorkerLeft left(LocalDate on) {
        return new WorkerLeft(PROVIDER, WORKER, on, LeavingReason.RESIGNED);
    }

    @Test
    @DisplayName("a pay change from a date is recorded for a registered worker")
    void recordsPayChange() {
        fixture.given(admitted(), worker())
                .when(new ChangeWorkerPay(PROVIDER, WORKER, 1271, APRIL), ACME.toMetaData())
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(new WorkerPayChanged(PROVIDER, WORKER, 1271, APRIL));
    }

    @Test
    @DisplayName("the same pay change again is ALREADY_RECORDED; another pay from the same date is refused 409")
    void repeatedAndConflictingPayChanges() {
        fixture.given(admitted(), worker(), new WorkerPayChanged(PROVIDER, WORKER, 1271, APRIL))
                .when(new ChangeWorkerPay(PROVIDER, WORKER, 1271, APRIL), ACME.toMetaData())
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(admitted(), worker(), new WorkerPayChanged(PROVIDER, WORKER, 1271, APRIL))
                .when(new ChangeWorkerPay(PROVIDER, WORKER, 1300, APRIL), ACME.toMetaData())
                .expectException(refusedWith("pay-change-conflicts", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("pay changes for an unknown worker are refused 404, and from the leaving day on 422 worker-left")
    void payChangeRules() {
        fixture.given(admitted(), worker())
                .when(new ChangeWorkerPay(PROVIDER, "W-NOBODY", 1271, APRIL), ACME.toMetaData())
                .expectException(refusedWith("unknown-worker", 404));
        fixture.given(admitted(), worker(), left(APRIL))
                .when(new ChangeWorkerPay(PROVIDER, WORKER, 1271, APRIL), ACME.toMetaData())
                .expectException(refusedWith("worker-left", 422));
        fixture.given(admitted(), worker(), left(APRIL))
                .when(new ChangeWorkerPay(PROVIDER, WORKER, 1271, APRIL.minusDays(1)), ACME.toMetaData())
                .expectEvents(new WorkerPayChanged(PROVIDER, WORKER, 1271, APRIL.minusDays(1)));
    }

    @Test
    @DisplayName("another provider's caller cannot change the pay of this provider's worker (unknown provider)")
    void otherProviderCannotChangePay() {
        var other = new Caller("other", Role.PROVIDER, "P-OTHER");
        fixture.given(admitted(), worker())
                .when(new ChangeWorkerPay(PROVIDER, WORKER, 1271, APRIL), other.toMetaData())
                .expectException(refusedWith("unknown-provider", 404));
    }

    @Test
    @DisplayName("a re-registration with another pay stays refused 409: pay changes go through their own command")
    void reRegistrationWithOtherPayIsRefused() {
        fixture.given(admitted(), worker())
                .when(
                        new RegisterWorker(PROVIDER, WORKER, ContractType.ZERO_HOURS, TravelMode.CAR, 1271),
                        ACME.toMetaData())
                .expectException(refusedWith("worker-id-reused", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a leaving is recorded once; the same again is ALREADY_RECORDED, another date is refused 409")
    void leavingRules() {
        fixture.given(admitted(), worker())
                .when(new RecordWorkerLeaving(PROVIDER, WORKER, APRIL, LeavingReason.RESIGNED), ACME.toMetaData())
                .expectEvents(left(APRIL));
        fixture.given(admitted(), worker(), left(APRIL))
                .when(new RecordWorkerLeaving(PROVIDER, WORKER, APRIL, LeavingReason.RESIGNED), ACME.toMetaData())
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(admitted(), worker(), left(APRIL))
                .when(
                        new RecordWorkerLeaving(PROVIDER, WORKER, APRIL.plusDays(1), LeavingReason.RESIGNED),
                        ACME.toMetaData())
                .expectException(refusedWith("worker-already-left", 409));
    }

    @Test
    @DisplayName(
            "a qualification is recorded; one expiring on the day it was achieved is refused, the day after is not")
    void qualificationRules() {
        var achieved = LocalDate.parse("2026-03-01");
        fixture.given(admitted(), worker())
                .when(
                        new RecordQualification(
                                PROVIDER, WORKER, "Q-1", QualificationKind.MEDICATION, achieved, achieved),
                        ACME.toMetaData())
                .expectException(refusedWith("qualification-expires-before-achieved", 422))
                .expectNoEvents();
        fixture.given(admitted(), worker())
                .when(
                        new RecordQualification(
                                PROVIDER, WORKER, "Q-1", QualificationKind.MEDICATION, achieved, achieved.plusDays(1)),
                        ACME.toMetaData())
                .expectEvents(new QualificationRecorded(
                        PROVIDER, WORKER, "Q-1", QualificationKind.MEDICATION, achieved, achieved.plusDays(1)));
    }

    @Test
    @DisplayName("a qualification id is recorded once: same details ALREADY_RECORDED, other details 409")
    void qualificationIdempotency() {
        var achieved = LocalDate.parse("2026-03-01");
        var recorded =
                new QualificationRecorded(PROVIDER, WORKER, "Q-1", QualificationKind.CARE_CERTIFICATE, achieved, null);
        fixture.given(admitted(), worker(), recorded)
                .when(
                        new RecordQualification(
                                PROVIDER, WORKER, "Q-1", QualificationKind.CARE_CERTIFICATE, achieved, null),
                        ACME.toMetaData())
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED);
        fixture.given(admitted(), worker(), recorded)
                .when(
                        new RecordQualification(
                                PROVIDER,
                                WORKER,
                                "Q-1",
                                QualificationKind.CARE_CERTIFICATE,
                                achieved.plusDays(1),
                                null),
                        ACME.toMetaData())
                .expectException(refusedWith("qualification-id-reused", 409));
    }

    @Test
    @DisplayName("the council opens an action plan for a provider rated Requires Improvement overall")
    void opensActionPlanForRequiresImprovement() {
        var rated = new CqcRatingsRecorded(PROVIDER, ratings(REQUIRES_IMPROVEMENT, GOOD));
        fixture.given(admitted(), rated)
                .when(new OpenActionPlan(PROVIDER, "AP-1", "staffing", TODAY.plusDays(1), TODAY), COUNCIL.toMetaData())
                .expectEvents(new ActionPlanOpened(
                        PROVIDER, "AP-1", "staffing", TODAY.plusDays(1), TODAY, REQUIRES_IMPROVEMENT));
    }

    @Test
    @DisplayName("Requires Improvement for well-led alone also calls for a plan")
    void opensActionPlanForWellLedRequiresImprovement() {
        var rated = new CqcRatingsRecorded(PROVIDER, ratings(GOOD, REQUIRES_IMPROVEMENT));
        fixture.given(admitted(), rated)
                .when(
                        new OpenActionPlan(PROVIDER, "AP-1", "leadership", TODAY.plusDays(30), TODAY),
                        COUNCIL.toMetaData())
                .expectEvents(new ActionPlanOpened(PROVIDER, "AP-1", "leadership", TODAY.plusDays(30), TODAY, GOOD));
    }

    @Test
    @DisplayName("no action plan for a provider rated Good, nor for one rated Inadequate")
    void refusesActionPlanOtherwise() {
        fixture.given(admitted())
                .when(new OpenActionPlan(PROVIDER, "AP-1", "staffing", TODAY.plusDays(30), TODAY), COUNCIL.toMetaData())
                .expectException(refusedWith("provider-not-requires-improvement", 422));
        fixture.given(admitted(), new CqcRatingsRecorded(PROVIDER, ratings(INADEQUATE, INADEQUATE)))
                .when(new OpenActionPlan(PROVIDER, "AP-1", "staffing", TODAY.plusDays(30), TODAY), COUNCIL.toMetaData())
                .expectException(refusedWith("provider-not-requires-improvement", 422));
    }

    @Test
    @DisplayName("an action plan is due after today (today itself is refused), and only the council opens one")
    void actionPlanDueDateAndRole() {
        var rated = new CqcRatingsRecorded(PROVIDER, ratings(REQUIRES_IMPROVEMENT, GOOD));
        fixture.given(admitted(), rated)
                .when(new OpenActionPlan(PROVIDER, "AP-1", "staffing", TODAY, TODAY), COUNCIL.toMetaData())
                .expectException(refusedWith("action-plan-due-date-not-ahead", 422));
        fixture.given(admitted(), rated)
                .when(new OpenActionPlan(PROVIDER, "AP-1", "staffing", TODAY.plusDays(9), TODAY), ACME.toMetaData())
                .expectException(refusedWith("council-only", 422));
    }

    @Test
    @DisplayName("completion on the due date is on time, the day after is late, a repeat is ALREADY_RECORDED")
    void completesActionPlan() {
        var rated = new CqcRatingsRecorded(PROVIDER, ratings(REQUIRES_IMPROVEMENT, GOOD));
        var due = TODAY.plusDays(10);
        var opened = new ActionPlanOpened(PROVIDER, "AP-1", "staffing", due, TODAY, REQUIRES_IMPROVEMENT);
        fixture.given(admitted(), rated, opened)
                .when(new CompleteActionPlan(PROVIDER, "AP-1", due), COUNCIL.toMetaData())
                .expectEvents(new ActionPlanCompleted(PROVIDER, "AP-1", due, false));
        fixture.given(admitted(), rated, opened)
                .when(new CompleteActionPlan(PROVIDER, "AP-1", due.plusDays(1)), COUNCIL.toMetaData())
                .expectEvents(new ActionPlanCompleted(PROVIDER, "AP-1", due.plusDays(1), true));
        fixture.given(admitted(), rated, opened, new ActionPlanCompleted(PROVIDER, "AP-1", due, false))
                .when(new CompleteActionPlan(PROVIDER, "AP-1", due.plusDays(3)), COUNCIL.toMetaData())
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(admitted(), rated)
                .when(new CompleteActionPlan(PROVIDER, "AP-9", due), COUNCIL.toMetaData())
                .expectException(refusedWith("unknown-action-plan", 404));
    }
}
