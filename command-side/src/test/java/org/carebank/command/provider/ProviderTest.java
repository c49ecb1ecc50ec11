package org.carebank.command.provider;

import static org.carebank.command.Refusals.refusedWith;
import static org.carebank.kernel.provider.CqcRating.GOOD;
import static org.carebank.kernel.provider.CqcRating.INADEQUATE;
import static org.carebank.kernel.provider.CqcRating.OUTSTANDING;
import static org.carebank.kernel.provider.CqcRating.REQUIRES_IMPROVEMENT;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.provider.AdmitProvider;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.RecordCqcRatings;
import org.carebank.kernel.provider.RegisterWorker;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProviderTest {

    private static final String PROVIDER = "P-ACME";
    private static final String NAME = "Acme Home Care";
    private static final List<String> ZONES = List.of("NORTH", "EAST");
    private static final LocalDate INSPECTED = LocalDate.parse("2026-09-14");
    private static final CqcRatings GOOD_RATINGS = ratings(GOOD, GOOD);

    private final StubCommandLookups lookups = new StubCommandLookups();
    private AggregateTestFixture<Provider> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(ApprovedListPolicy.defaults());
    }

    private AggregateTestFixture<Provider> fixtureWith(ApprovedListPolicy policy) {
        var configured = new AggregateTestFixture<>(Provider.class);
        configured.registerInjectableResource(policy);
        configured.registerAnnotatedCommandHandler(new WorkerRegistration(configured.getRepository(), lookups));
        return configured;
    }

    private static CqcRatings ratings(CqcRating overall, CqcRating wellLed) {
        return new CqcRatings(overall, GOOD, GOOD, GOOD, GOOD, wellLed, INSPECTED);
    }

    private static ProviderAdmitted admitted() {
        return new ProviderAdmitted(PROVIDER, NAME, ZONES, GOOD_RATINGS, GOOD);
    }

    @Test
    @DisplayName("a provider rated at least GOOD overall and for well-led is admitted to the approved list")
    void admitsProviderRatedGood() {
        fixture.givenNoPriorActivity()
                .when(new AdmitProvider(PROVIDER, NAME, ZONES, GOOD_RATINGS))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(admitted());
    }

    @Test
    @DisplayName("an OUTSTANDING rating is above the minimum and admits too")
    void admitsProviderRatedOutstanding() {
        var outstanding = ratings(OUTSTANDING, GOOD);
        fixture.givenNoPriorActivity()
                .when(new AdmitProvider(PROVIDER, NAME, ZONES, outstanding))
                .expectEvents(new ProviderAdmitted(PROVIDER, NAME, ZONES, outstanding, GOOD));
    }

    @Test
    @DisplayName("a provider rated below the minimum overall is refused and nothing is recorded")
    void refusesProviderBelowMinimumOverall() {
        fixture.givenNoPriorActivity()
                .when(new AdmitProvider(PROVIDER, NAME, ZONES, ratings(REQUIRES_IMPROVEMENT, GOOD)))
                .expectException(CommandRefusedException.class)
                .expectException(refusedWith("provider-below-minimum-rating", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a provider rated below the minimum for well-led is refused even when overall is GOOD")
    void refusesProviderBelowMinimumWellLed() {
        fixture.givenNoPriorActivity()
                .when(new AdmitProvider(PROVIDER, NAME, ZONES, ratings(GOOD, INADEQUATE)))
                .expectException(refusedWith("provider-below-minimum-rating", 422))
                .expectNoEvents();
    }

    @Test
    @DisplayName("repeating the same AdmitProvider is answered ALREADY_RECORDED and records nothing")
    void repeatedAdmissionIsAlreadyRecorded() {
        fixture.given(admitted())
                .when(new AdmitProvider(PROVIDER, NAME, List.of("NORTH", "EAST"), GOOD_RATINGS))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("a retried admission is still recognised after new ratings were recorded")
    void retriedAdmissionAfterNewRatingsIsAlreadyRecorded() {
        fixture.given(admitted(), new CqcRatingsRecorded(PROVIDER, ratings(OUTSTANDING, GOOD)))
                .when(new AdmitProvider(PROVIDER, NAME, List.of("NORTH", "EAST"), GOOD_RATINGS))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("admitting an existing provider id with other details is refused as a reused id")
    void admittingExistingIdWithOtherDetailsIsRefused() {
        fixture.given(admitted())
                .when(new AdmitProvider(PROVIDER, "Another Agency", ZONES, GOOD_RATINGS))
                .expectException(refusedWith("provider-id-reused", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("new ratings below the minimum are recorded and suspend an admitted provider")
    void ratingsBelowMinimumSuspend() {
        var poor = ratings(REQUIRES_IMPROVEMENT, GOOD);
        fixture.given(admitted())
                .when(new RecordCqcRatings(PROVIDER, poor))
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(
                        new CqcRatingsRecorded(PROVIDER, poor),
                        new ProviderSuspended(PROVIDER, REQUIRES_IMPROVEMENT, GOOD, GOOD));
    }

    @Test
    @DisplayName("new ratings back at GOOD reinstate a suspended provider")
    void ratingsBackAtGoodReinstate() {
        var poor = ratings(REQUIRES_IMPROVEMENT, GOOD);
        var recovered = new CqcRatings(GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, LocalDate.parse("2027-03-02"));
        fixture.given(
                        admitted(),
                        new CqcRatingsRecorded(PROVIDER, poor),
                        new ProviderSuspended(PROVIDER, REQUIRES_IMPROVEMENT, GOOD, GOOD))
                .when(new RecordCqcRatings(PROVIDER, recovered))
                .expectEvents(
                        new CqcRatingsRecorded(PROVIDER, recovered),
                        new ProviderReinstated(PROVIDER, GOOD, GOOD, GOOD));
    }

    @Test
    @DisplayName("new ratings still below the minimum are recorded but do not suspend a suspended provider again")
    void ratingsStillBelowMinimumKeepSuspension() {
        var poor = ratings(REQUIRES_IMPROVEMENT, GOOD);
        var worse = ratings(INADEQUATE, INADEQUATE);
        fixture.given(
                        admitted(),
                        new CqcRatingsRecorded(PROVIDER, poor),
                        new ProviderSuspended(PROVIDER, REQUIRES_IMPROVEMENT, GOOD, GOOD))
                .when(new RecordCqcRatings(PROVIDER, worse))
                .expectEvents(new CqcRatingsRecorded(PROVIDER, worse));
    }

    @Test
    @DisplayName("new ratings that still meet the minimum are recorded without a change of list status")
    void ratingsStillGoodChangeNoStatus() {
        var better = ratings(OUTSTANDING, OUTSTANDING);
        fixture.given(admitted())
                .when(new RecordCqcRatings(PROVIDER, better))
                .expectEvents(new CqcRatingsRecorded(PROVIDER, better));
    }

    @Test
    @DisplayName("recording the ratings already on file is answered ALREADY_RECORDED and records nothing")
    void sameRatingsAreAlreadyRecorded() {
        fixture.given(admitted())
                .when(new RecordCqcRatings(PROVIDER, GOOD_RATINGS))
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
    }

    @Test
    @DisplayName("the minimum rating is a setting: with REQUIRES_IMPROVEMENT as minimum an RI provider is admitted")
    void minimumRatingIsASetting() {
        var requiresImprovement = ratings(REQUIRES_IMPROVEMENT, REQUIRES_IMPROVEMENT);
        fixtureWith(new ApprovedListPolicy(REQUIRES_IMPROVEMENT))
                .givenNoPriorActivity()
                .when(new AdmitProvider(PROVIDER, NAME, ZONES, requiresImprovement))
                .expectEvents(new ProviderAdmitted(PROVIDER, NAME, ZONES, requiresImprovement, REQUIRES_IMPROVEMENT));
    }

    @Test
    @DisplayName("under a REQUIRES_IMPROVEMENT minimum, ratings of REQUIRES_IMPROVEMENT do not suspend")
    void relaxedMinimumDoesNotSuspendRequiresImprovement() {
        var requiresImprovement = ratings(REQUIRES_IMPROVEMENT, GOOD);
        fixtureWith(new ApprovedListPolicy(REQUIRES_IMPROVEMENT))
                .given(admitted())
                .when(new RecordCqcRatings(PROVIDER, requiresImprovement))
                .expectEvents(new CqcRatingsRecorded(PROVIDER, requiresImprovement));
    }

    @Test
    @DisplayName("a provider registers a worker whose id no other provider uses")
    void registersWorker() {
        var caller = new Caller("acme-admin", Role.PROVIDER, PROVIDER);
        fixture.given(admitted())
                .when(
                        new RegisterWorker(PROVIDER, "W-1", ContractType.ZERO_HOURS, TravelMode.CAR, 1250),
                        caller.toMetaData())
                .expectEvents(new WorkerRegistered(PROVIDER, "W-1", ContractType.ZERO_HOURS, TravelMode.CAR, 1250));
    }

    @Test
    @DisplayName("a worker id registered with another provider is refused")
    void workerIdOfAnotherProviderIsRefused() {
        lookups.worker("W-1", "P-OTHER");
        fixture.given(admitted())
                .when(new RegisterWorker(PROVIDER, "W-1", ContractType.ZERO_HOURS, TravelMode.CAR, 1250))
                .expectException(refusedWith("worker-id-taken", 409))
                .expectNoEvents();
    }

    @Test
    @DisplayName("a PROVIDER caller registering a worker with another provider is told the provider is unknown")
    void providerCallerCannotRegisterWorkerElsewhere() {
        var other = new Caller("other-admin", Role.PROVIDER, "P-OTHER");
        fixture.given(admitted())
                .when(
                        new RegisterWorker(PROVIDER, "W-1", ContractType.ZERO_HOURS, TravelMode.CAR, 1250),
                        other.toMetaData())
                .expectException(refusedWith("unknown-provider", 404))
                .expectNoEvents();
    }
}
