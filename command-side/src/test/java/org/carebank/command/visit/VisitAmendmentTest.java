package org.carebank.command.visit;

import static org.carebank.command.Refusals.refusedWith;
import static org.carebank.command.visit.VisitFixtures.ACME;
import static org.carebank.command.visit.VisitFixtures.CLIENT;
import static org.carebank.command.visit.VisitFixtures.HOME;
import static org.carebank.command.visit.VisitFixtures.PLANNED_START;
import static org.carebank.command.visit.VisitFixtures.RATE;
import static org.carebank.command.visit.VisitFixtures.VISIT;
import static org.carebank.command.visit.VisitFixtures.WORKER;
import static org.carebank.command.visit.VisitFixtures.scheduled;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentReceipt;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.ApproveVisitAmendment;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.DeliverySource;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.RejectVisitAmendment;
import org.carebank.kernel.visit.RequestVisitAmendment;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.kernel.visit.VisitTimes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Visit maintenance on the one-hour visit planned for 09:00: the lock period, one open amendment, four eyes, a note
 * for OTHER, the auto-approval bound, an amendment of a missed visit and of a cancelled one.
 */
class VisitAmendmentTest {

    private static final Caller ACME_COORDINATOR = new Caller("acme-coordinator", Role.PROVIDER, ACME);
    private static final Caller OTHER_PROVIDER = new Caller("bob", Role.PROVIDER, "P-OTHER");
    private static final Caller CAROL = new Caller("carol", Role.COUNCIL, null);
    private static final Caller DAVE = new Caller("dave", Role.COUNCIL, null);
    private static final Instant NEXT_DAY = PLANNED_START.plus(Duration.ofDays(1));
    private static final BillingPolicy BILLING = BillingPolicy.actual();

    private static AggregateTestFixture<Visit> fixture(AmendmentRules amending) {
        return VisitFixtures.visitFixture(VisitFixtures.roster(), BILLING, amending);
    }

    private static AggregateTestFixture<Visit> fixture() {
        return fixture(AmendmentRules.defaults());
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-23T" + time + ":00Z");
    }

    private static VisitCheckedIn checkedIn(String time) {
        return new VisitCheckedIn(VISIT, WORKER, at(time), EcmMethod.APP_GPS, null, HOME, false, 0);
    }

    /** Checked in 09:00 and out at {@code end}, not ended early. */
    private static Object[] deliveredUntil(String end) {
        int minutes = (int) Duration.between(at("09:00"), at(end)).toMinutes();
        return new Object[] {
            scheduled(),
            checkedIn("09:00"),
            new VisitCheckedOut(VISIT, at(end), EcmMethod.APP_GPS, null),
            new VisitDelivered(
                    VISIT,
                    ACME,
                    CLIENT,
                    WORKER,
                    DeliverySource.ECM,
                    at("09:00"),
                    at(end),
                    60,
                    minutes,
                    false,
                    false,
                    minutes * 100 < 60 * 85,
                    0,
                    null,
                    BILLING.bill(minutes, RATE))
        };
    }

    private static RequestVisitAmendment amend(String id, Instant in, Instant out, AmendmentReason reason, Instant at) {
        return new RequestVisitAmendment(VISIT, id, in, out, null, false, reason, "phone battery died", at);
    }

    private static RequestVisitAmendment checkOutAt(String id, String time) {
        return amend(id, null, at(time), AmendmentReason.WORKER_DID_NOT_CHECK_OUT, NEXT_DAY);
    }

    private static VisitAmendmentRequested requested(
            String id, VisitStatus statusBefore, VisitTimes before, VisitTimes after, Caller by, Instant at) {
        return new VisitAmendmentRequested(
                VISIT,
                id,
                ACME,
                CLIENT,
                WORKER,
                PLANNED_START,
                statusBefore,
                before,
                after,
                AmendmentReason.WORKER_DID_NOT_CHECK_OUT,
                "phone battery died",
                by.principal(),
                at);
    }

    private static VisitTimes times(String in, String out, boolean endedEarly) {
        return new VisitTimes(
                at(in), at(out), (int) Duration.between(at(in), at(out)).toMinutes(), endedEarly, false);
    }

    private static VisitAmendmentApproved approved(
            String id, VisitTimes after, boolean late, String decidedBy, boolean automatic, Instant at) {
        int minutes = after.deliveredMinutes();
        return new VisitAmendmentApproved(
                VISIT,
                id,
                ACME,
                CLIENT,
                WORKER,
                PLANNED_START,
                60,
                after.startedAt(),
                after.endedAt(),
                minutes,
                late,
                !after.endedEarlyAtClientRequest() && minutes * 100 < 60 * 85,
                after.endedEarlyAtClientRequest() ? 60 - minutes : 0,
                after.endedEarlyAtClientRequest(),
                false,
                BILLING.bill(minutes, RATE),
                AmendmentReason.WORKER_DID_NOT_CHECK_OUT,
                null,
                decidedBy,
                automatic,
                at);
    }

    // --- the request ----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("a check-out never sent: the amendment keeps the check-in and asks for the missing check-out")
    void checkOutMissing() {
        fixture()
                .given(scheduled(), checkedIn("09:00"))
                .when(checkOutAt("A-1", "10:00"), ACME_COORDINATOR.toMetaData())
                .expectResultMessagePayload(
                        new AmendmentReceipt(CommandOutcome.RECORDED, "A-1", AmendmentStatus.PENDING))
                .expectEvents(requested(
                        "A-1",
                        VisitStatus.IN_PROGRESS,
                        new VisitTimes(at("09:00"), null, 0, false, false),
                        times("09:00", "10:00", false),
                        ACME_COORDINATOR,
                        NEXT_DAY));
    }

    @Test
    @DisplayName("lock period: exactly 90 days after the planned start is accepted, a millisecond later is locked")
    void lockBoundary() {
        Instant lastMoment = PLANNED_START.plus(Duration.ofDays(90));
        fixture()
                .given(deliveredUntil("09:40"))
                .when(
                        amend("A-1", null, at("10:00"), AmendmentReason.WORKER_DID_NOT_CHECK_OUT, lastMoment),
                        ACME_COORDINATOR.toMetaData())
                .expectSuccessfulHandlerExecution();
        fixture()
                .given(deliveredUntil("09:40"))
                .when(
                        amend(
                                "A-1",
                                null,
                                at("10:00"),
                                AmendmentReason.WORKER_DID_NOT_CHECK_OUT,
                                lastMoment.plusMillis(1)),
                        ACME_COORDINATOR.toMetaData())
                .expectNoEvents()
                .expectException(refusedWith("amendment-locked", 422, "lockedSince", lastMoment));
    }

    @Test
    @DisplayName("the lock period is a setting: 30 days locks a visit amended on day 31")
    void lockIsASetting() {
        fixture(new AmendmentRules(Duration.ofDays(30), 0))
                .given(deliveredUntil("09:40"))
                .when(
                        amend(
                                "A-1",
                                null,
                                at("10:00"),
                                AmendmentReason.WORKER_DID_NOT_CHECK_OUT,
                                PLANNED_START.plus(Duration.ofDays(31))),
                        ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("amendment-locked", 422));
    }

    @Test
    @DisplayName("one open amendment per visit: a second is refused while the first waits, accepted once it is decided")
    void oneOpenAmendment() {
        var first = requested(
                "A-1",
                VisitStatus.DELIVERED,
                times("09:00", "09:40", false),
                times("09:00", "10:00", false),
                ACME_COORDINATOR,
                NEXT_DAY);
        fixture()
                .given(deliveredUntil("09:40"))
                .andGiven(first)
                .when(checkOutAt("A-2", "09:55"), ACME_COORDINATOR.toMetaData())
                .expectNoEvents()
                .expectException(refusedWith("amendment-pending", 422, "pendingAmendmentId", "A-1"));
        fixture()
                .given(deliveredUntil("09:40"))
                .andGiven(first, new VisitAmendmentRejected(VISIT, "A-1", ACME, "no evidence", "carol", NEXT_DAY))
                .when(checkOutAt("A-2", "09:55"), ACME_COORDINATOR.toMetaData())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("the same amendment again is answered as before; the same id with other times is a conflict")
    void repeatedRequest() {
        var first = requested(
                "A-1",
                VisitStatus.DELIVERED,
                times("09:00", "09:40", false),
                times("09:00", "10:00", false),
                ACME_COORDINATOR,
                NEXT_DAY);
        fixture()
                .given(deliveredUntil("09:40"))
                .andGiven(first)
                .when(checkOutAt("A-1", "10:00"), ACME_COORDINATOR.toMetaData())
                .expectNoEvents()
                .expectResultMessagePayload(
                        new AmendmentReceipt(CommandOutcome.ALREADY_RECORDED, "A-1", AmendmentStatus.PENDING));
        fixture()
                .given(deliveredUntil("09:40"))
                .andGiven(first)
                .when(checkOutAt("A-1", "09:50"), ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("amendment-id-reused", 409));
    }

    @Test
    @DisplayName("reason OTHER needs a note; any other reason may come without one")
    void otherNeedsANote() {
        fixture()
                .given(deliveredUntil("09:40"))
                .when(
                        new RequestVisitAmendment(
                                VISIT, "A-1", null, at("10:00"), null, false, AmendmentReason.OTHER, " ", NEXT_DAY),
                        ACME_COORDINATOR.toMetaData())
                .expectNoEvents()
                .expectException(refusedWith("note-required", 422));
        fixture()
                .given(deliveredUntil("09:40"))
                .when(
                        new RequestVisitAmendment(
                                VISIT,
                                "A-1",
                                null,
                                at("10:00"),
                                null,
                                false,
                                AmendmentReason.OTHER,
                                "worker checked out at the wrong client",
                                NEXT_DAY),
                        ACME_COORDINATOR.toMetaData())
                .expectSuccessfulHandlerExecution();
        fixture()
                .given(deliveredUntil("09:40"))
                .when(
                        new RequestVisitAmendment(
                                VISIT,
                                "A-1",
                                null,
                                at("10:00"),
                                null,
                                false,
                                AmendmentReason.DEVICE_OR_SIGNAL_FAILURE,
                                null,
                                NEXT_DAY),
                        ACME_COORDINATOR.toMetaData())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("a cancelled visit is refused: there is no delivery to correct")
    void cancelledVisitRefused() {
        fixture()
                .given(
                        scheduled(),
                        new VisitCancelled(
                                VISIT,
                                ACME,
                                WORKER,
                                CancellationInitiator.CLIENT,
                                "in hospital",
                                at("07:00"),
                                PLANNED_START,
                                120))
                .when(
                        amend("A-1", at("09:00"), at("10:00"), AmendmentReason.WORKER_DID_NOT_CHECK_IN, NEXT_DAY),
                        ACME_COORDINATOR.toMetaData())
                .expectNoEvents()
                .expectException(refusedWith("amendment-of-cancelled-visit", 422));
    }

    @Test
    @DisplayName("a missed visit: the amendment records the delivery the provider claims, late figures decided anew")
    void missedVisitRecordsTheClaimedDelivery() {
        var missed = new VisitMissed(VISIT, ACME, CLIENT, WORKER, PLANNED_START, 120, at("11:00"));
        var after = times("09:40", "10:30", false);
        var request = new VisitAmendmentRequested(
                VISIT,
                "A-1",
                ACME,
                CLIENT,
                WORKER,
                PLANNED_START,
                VisitStatus.MISSED,
                new VisitTimes(null, null, 0, false, false),
                after,
                AmendmentReason.WORKER_DID_NOT_CHECK_IN,
                "phone battery died",
                ACME_COORDINATOR.principal(),
                NEXT_DAY);
        fixture()
                .given(scheduled(), missed)
                .when(
                        amend("A-1", at("09:40"), at("10:30"), AmendmentReason.WORKER_DID_NOT_CHECK_IN, NEXT_DAY),
                        ACME_COORDINATOR.toMetaData())
                .expectEvents(request);
        var expected = approved("A-1", after, true, "carol", false, NEXT_DAY.plusSeconds(60));
        expected = new VisitAmendmentApproved(
                expected.visitId(),
                expected.amendmentId(),
                expected.providerId(),
                expected.clientRef(),
                expected.workerId(),
                expected.plannedStart(),
                expected.plannedMinutes(),
                expected.startedAt(),
                expected.endedAt(),
                50,
                true,
                true,
                0,
                false,
                false,
                BILLING.bill(50, RATE),
                AmendmentReason.WORKER_DID_NOT_CHECK_IN,
                null,
                "carol",
                false,
                NEXT_DAY.plusSeconds(60));
        fixture()
                .given(scheduled(), missed, request)
                .when(new ApproveVisitAmendment(VISIT, "A-1", null, NEXT_DAY.plusSeconds(60)), CAROL.toMetaData())
                .expectEvents(expected);
    }

    @Test
    @DisplayName("a missed visit cannot be amended with only one end: the amendment gives both times")
    void missedVisitNeedsBothTimes() {
        fixture()
                .given(scheduled(), new VisitMissed(VISIT, ACME, CLIENT, WORKER, PLANNED_START, 120, at("11:00")))
                .when(checkOutAt("A-1", "10:00"), ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("amendment-incomplete", 422));
    }

    @Test
    @DisplayName("not delivered at all: approved, the visit counts as missed with nothing delivered or billed")
    void notDelivered() {
        var request = new VisitAmendmentRequested(
                VISIT,
                "A-1",
                ACME,
                CLIENT,
                WORKER,
                PLANNED_START,
                VisitStatus.DELIVERED,
                times("09:00", "09:40", false),
                new VisitTimes(null, null, 0, false, true),
                AmendmentReason.VISIT_NOT_DELIVERED,
                "checked out at the wrong client",
                ACME_COORDINATOR.principal(),
                NEXT_DAY);
        fixture()
                .given(deliveredUntil("09:40"))
                .when(
                        new RequestVisitAmendment(
                                VISIT,
                                "A-1",
                                null,
                                null,
                                null,
                                true,
                                AmendmentReason.VISIT_NOT_DELIVERED,
                                "checked out at the wrong client",
                                NEXT_DAY),
                        ACME_COORDINATOR.toMetaData())
                .expectEvents(request);
        fixture()
                .given(deliveredUntil("09:40"))
                .andGiven(request)
                .when(new ApproveVisitAmendment(VISIT, "A-1", null, NEXT_DAY), DAVE.toMetaData())
                .expectEvents(new VisitAmendmentApproved(
                        VISIT,
                        "A-1",
                        ACME,
                        CLIENT,
                        WORKER,
                        PLANNED_START,
                        60,
                        null,
                        null,
                        0,
                        false,
                        false,
                        0,
                        false,
                        true,
                        BILLING.bill(0, RATE),
                        AmendmentReason.VISIT_NOT_DELIVERED,
                        null,
                        "dave",
                        false,
                        NEXT_DAY));
        fixture()
                .given(deliveredUntil("09:40"))
                .when(
                        new RequestVisitAmendment(
                                VISIT,
                                "A-1",
                                at("09:00"),
                                null,
                                null,
                                true,
                                AmendmentReason.VISIT_NOT_DELIVERED,
                                null,
                                NEXT_DAY),
                        ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("amendment-contradicts-itself", 422));
    }

    @Test
    @DisplayName("a visit not yet due cannot be amended")
    void notYetDue() {
        fixture()
                .given(scheduled())
                .when(
                        amend(
                                "A-1",
                                at("09:00"),
                                at("10:00"),
                                AmendmentReason.WORKER_DID_NOT_CHECK_IN,
                                PLANNED_START.minusSeconds(60)),
                        ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("visit-not-yet-due", 422));
    }

    // --- four eyes ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("four eyes: a council member who amended cannot approve or reject it; another council member can")
    void fourEyes() {
        var byCarol = requested(
                "A-1",
                VisitStatus.IN_PROGRESS,
                new VisitTimes(at("09:00"), null, 0, false, false),
                times("09:00", "10:00", false),
                CAROL,
                NEXT_DAY);
        Instant decidedAt = NEXT_DAY.plusSeconds(3600);
        fixture()
                .given(scheduled(), checkedIn("09:00"), byCarol)
                .when(new ApproveVisitAmendment(VISIT, "A-1", null, decidedAt), CAROL.toMetaData())
                .expectNoEvents()
                .expectException(refusedWith("four-eyes-required", 403, "requestedBy", "carol"));
        fixture()
                .given(scheduled(), checkedIn("09:00"), byCarol)
                .when(new RejectVisitAmendment(VISIT, "A-1", "no", decidedAt), CAROL.toMetaData())
                .expectException(refusedWith("four-eyes-required", 403));
        fixture()
                .given(scheduled(), checkedIn("09:00"), byCarol)
                .when(new ApproveVisitAmendment(VISIT, "A-1", null, decidedAt), DAVE.toMetaData())
                .expectEvents(approved("A-1", times("09:00", "10:00", false), false, "dave", false, decidedAt));
    }

    @Test
    @DisplayName("only the council decides: the provider's own approval is refused 403")
    void providerCannotApprove() {
        var request = requested(
                "A-1",
                VisitStatus.IN_PROGRESS,
                new VisitTimes(at("09:00"), null, 0, false, false),
                times("09:00", "10:00", false),
                ACME_COORDINATOR,
                NEXT_DAY);
        fixture()
                .given(scheduled(), checkedIn("09:00"), request)
                .when(new ApproveVisitAmendment(VISIT, "A-1", null, NEXT_DAY), ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("council-only", 403));
        fixture()
                .given(scheduled(), checkedIn("09:00"), request)
                .when(checkOutAt("A-2", "10:00"), OTHER_PROVIDER.toMetaData())
                .expectException(refusedWith("unknown-visit", 404));
    }

    @Test
    @DisplayName("a decided amendment stays decided: approving a rejected one is a conflict, approving twice a repeat")
    void decisionsAreFinal() {
        var request = requested(
                "A-1",
                VisitStatus.IN_PROGRESS,
                new VisitTimes(at("09:00"), null, 0, false, false),
                times("09:00", "10:00", false),
                ACME_COORDINATOR,
                NEXT_DAY);
        fixture()
                .given(
                        scheduled(),
                        checkedIn("09:00"),
                        request,
                        new VisitAmendmentRejected(VISIT, "A-1", ACME, "no", "carol", NEXT_DAY))
                .when(new ApproveVisitAmendment(VISIT, "A-1", null, NEXT_DAY), DAVE.toMetaData())
                .expectException(refusedWith("amendment-already-decided", 409));
        fixture()
                .given(
                        scheduled(),
                        checkedIn("09:00"),
                        request,
                        approved("A-1", times("09:00", "10:00", false), false, "dave", false, NEXT_DAY))
                .when(new ApproveVisitAmendment(VISIT, "A-1", null, NEXT_DAY), DAVE.toMetaData())
                .expectNoEvents()
                .expectResultMessagePayload(
                        new AmendmentReceipt(CommandOutcome.ALREADY_RECORDED, "A-1", AmendmentStatus.APPROVED));
    }

    // --- auto-approval --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("auto-approval off by default: even a one-minute change waits for the council")
    void autoApprovalOffByDefault() {
        fixture()
                .given(deliveredUntil("09:40"))
                .when(checkOutAt("A-1", "09:41"), ACME_COORDINATOR.toMetaData())
                .expectResultMessagePayload(
                        new AmendmentReceipt(CommandOutcome.RECORDED, "A-1", AmendmentStatus.PENDING));
    }

    @Test
    @DisplayName("auto-approval at N = 5: a change of 5 delivered minutes is approved on arrival, 6 waits")
    void autoApprovalBound() {
        var rules = new AmendmentRules(Duration.ofDays(90), 5);
        var before = times("09:00", "09:40", false);
        fixture(rules)
                .given(deliveredUntil("09:40"))
                .when(checkOutAt("A-1", "09:45"), ACME_COORDINATOR.toMetaData())
                .expectResultMessagePayload(
                        new AmendmentReceipt(CommandOutcome.RECORDED, "A-1", AmendmentStatus.APPROVED))
                .expectEvents(
                        requested(
                                "A-1",
                                VisitStatus.DELIVERED,
                                before,
                                times("09:00", "09:45", false),
                                ACME_COORDINATOR,
                                NEXT_DAY),
                        approved(
                                "A-1",
                                times("09:00", "09:45", false),
                                false,
                                Visit.AUTO_APPROVAL.principal(),
                                true,
                                NEXT_DAY));
        fixture(rules)
                .given(deliveredUntil("09:40"))
                .when(checkOutAt("A-1", "09:46"), ACME_COORDINATOR.toMetaData())
                .expectResultMessagePayload(
                        new AmendmentReceipt(CommandOutcome.RECORDED, "A-1", AmendmentStatus.PENDING));
    }

    // --- consequences ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("after approval the amended delivery is the record: a second amendment starts from it")
    void approvedTimesAreTheRecord() {
        var request = requested(
                "A-1",
                VisitStatus.IN_PROGRESS,
                new VisitTimes(at("09:00"), null, 0, false, false),
                times("09:00", "10:00", false),
                ACME_COORDINATOR,
                NEXT_DAY);
        var approval = approved("A-1", times("09:00", "10:00", false), false, "dave", false, NEXT_DAY);
        fixture()
                .given(scheduled(), checkedIn("09:00"), request, approval)
                .when(checkOutAt("A-2", "10:00"), ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("amendment-changes-nothing", 422));
        fixture()
                .given(scheduled(), checkedIn("09:00"), request, approval)
                .when(
                        new org.carebank.kernel.visit.CheckOutVisit(VISIT, at("10:05"), EcmMethod.APP_GPS, false, null),
                        ACME_COORDINATOR.toMetaData())
                .expectException(refusedWith("visit-not-checked-in", 409));
    }
}
