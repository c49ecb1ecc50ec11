package org.carebank.command.visit;

import static org.carebank.command.Refusals.refusedWith;
import static org.carebank.command.visit.VisitFixtures.ACME;
import static org.carebank.command.visit.VisitFixtures.VISIT;
import static org.carebank.command.visit.VisitFixtures.scheduled;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.carebank.command.lookup.StubCommandLookups;
import org.carebank.kernel.payment.AcceptVisitExceptions;
import org.carebank.kernel.payment.DeliveryVerified;
import org.carebank.kernel.payment.Verification;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.payment.VisitExceptionsAccepted;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.visit.CheckOutVisit;
import org.carebank.kernel.visit.EcmMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Verification at delivery and the council's acceptance of exceptions (issue 18). */
class VisitVerificationTest {

    private static final Instant ACCEPTED_AT = Instant.parse("2026-12-02T10:00:00Z");

    private AggregateTestFixture<Visit> fixture;

    @BeforeEach
    void setUp() {
        fixture = VisitFixtures.visitFixture(new StubCommandLookups(), BillingPolicy.actual());
    }

    private static Instant at(String time) {
        return scheduled().plan().plannedStart().plusSeconds(60L * minutesOf(time));
    }

    private static long minutesOf(String offset) {
        return Long.parseLong(offset);
    }

    @Test
    @DisplayName("15 minutes over plan is within tolerance; 16 over carries DURATION_OVER_PLAN")
    void overPlanBoundary() {
        fixture.given(scheduled(), checkedIn(EcmMethod.APP_GPS))
                .when(new CheckOutVisit(VISIT, at("75"), EcmMethod.APP_GPS, false, null))
                .expectEventsMatching(lastIs(new DeliveryVerified(VISIT, ACME, Verification.VERIFIED, List.of())));
        fixture.given(scheduled(), checkedIn(EcmMethod.APP_GPS))
                .when(new CheckOutVisit(VISIT, at("76"), EcmMethod.APP_GPS, false, null))
                .expectEventsMatching(lastIs(new DeliveryVerified(
                        VISIT, ACME, Verification.EXCEPTION, List.of(VisitException.DURATION_OVER_PLAN))));
    }

    @Test
    @DisplayName("a manual check-in and check-out are exceptions")
    void manualEnds() {
        fixture.given(scheduled(), checkedIn(EcmMethod.MANUAL))
                .when(new CheckOutVisit(VISIT, at("60"), EcmMethod.MANUAL, false, "no signal"))
                .expectEventsMatching(lastIs(new DeliveryVerified(
                        VISIT,
                        ACME,
                        Verification.EXCEPTION,
                        List.of(VisitException.MANUAL_CHECK_IN, VisitException.MANUAL_CHECK_OUT))));
    }

    @Test
    @DisplayName(
            "the council accepts a held visit's exceptions once; a verified or undelivered visit has none to accept")
    void acceptance() {
        var exception =
                new DeliveryVerified(VISIT, ACME, Verification.EXCEPTION, List.of(VisitException.MANUAL_CHECK_IN));
        var accepted = new VisitExceptionsAccepted(
                VISIT, ACME, List.of(VisitException.MANUAL_CHECK_IN), "confirmed by the client", ACCEPTED_AT);
        var accept = new AcceptVisitExceptions(VISIT, "confirmed by the client", ACCEPTED_AT);
        fixture.given(scheduled(), checkedIn(EcmMethod.MANUAL), delivered(), exception)
                .when(accept)
                .expectResultMessagePayload(CommandOutcome.RECORDED)
                .expectEvents(accepted);
        fixture.given(scheduled(), checkedIn(EcmMethod.MANUAL), delivered(), exception, accepted)
                .when(accept)
                .expectResultMessagePayload(CommandOutcome.ALREADY_RECORDED)
                .expectNoEvents();
        fixture.given(scheduled(), checkedIn(EcmMethod.APP_GPS), delivered(), verifiedDelivery())
                .when(accept)
                .expectException(refusedWith("no-exceptions-to-accept", 409));
        fixture.given(scheduled()).when(accept).expectException(refusedWith("visit-not-delivered", 409));
    }

    private static org.hamcrest.Matcher<List<org.axonframework.messaging.Message<?>>> lastIs(Object event) {
        return Matchers.payloadsMatching(Matchers.exactSequenceOf(
                org.hamcrest.Matchers.anything(),
                org.hamcrest.Matchers.anything(),
                Matchers.equalTo(event),
                Matchers.andNoMore()));
    }

    private static org.carebank.kernel.visit.VisitCheckedIn checkedIn(EcmMethod method) {
        return new org.carebank.kernel.visit.VisitCheckedIn(
                VISIT,
                VisitFixtures.WORKER,
                at("0"),
                method,
                method == EcmMethod.MANUAL ? "no signal" : null,
                null,
                false,
                0);
    }

    private static org.carebank.kernel.visit.VisitDelivered delivered() {
        return new org.carebank.kernel.visit.VisitDelivered(
                VISIT,
                ACME,
                VisitFixtures.CLIENT,
                VisitFixtures.WORKER,
                org.carebank.kernel.visit.DeliverySource.ECM,
                at("0"),
                at("60"),
                60,
                60,
                false,
                false,
                false,
                0,
                null,
                BillingPolicy.actual().bill(60, VisitFixtures.RATE));
    }

    private static DeliveryVerified verifiedDelivery() {
        return new DeliveryVerified(VISIT, ACME, Verification.VERIFIED, List.of());
    }
}
