package org.carebank.command.visit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.carebank.command.lookup.PackageFacts;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.visit.CancelVisit;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.CheckOutVisit;
import org.carebank.kernel.visit.DeliverySource;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.ReassignVisit;
import org.carebank.kernel.visit.RecordDelivery;
import org.carebank.kernel.visit.RescheduleVisit;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.kernel.visit.VisitStatus;

/**
 * One planned call on a client, from roster to delivery. Every rule is checked before anything is applied; the event
 * sourcing handlers only assign state. Time always comes in the command (or the deadline), never from a clock here.
 */
@Aggregate
class Visit {

    /**
     * Set when a visit is scheduled or rescheduled and never cancelled: a check-in, a cancellation or a later reschedule
     * leaves it to fire and find the visit moved on (see {@link #on(MissedVisitDue)}). Axon's db-scheduler deadline
     * manager can only cancel by scope by reading and deserialising every pending deadline, which made each check-in
     * cost time in proportion to the visits rostered ahead (ADR 0008); a deadline that fires for nothing
     * costs one load of the visit, once.
     */
    static final String MISSED_DEADLINE = "visit-missed";

    static final Caller MISSED_VISIT_DETECTOR = Caller.system("carebank:missed-visit-detector");

    @AggregateIdentifier
    private String streamId;

    private String visitId;

    private VisitPlan plan;
    private String providerId;
    private String clientRef;
    private int hourlyRatePence;
    private int lateAfterMinutes;
    private VisitStatus status;
    private VisitCheckedIn checkIn;
    private VisitCheckedOut checkOut;
    private VisitDelivered delivery;
    private VisitCancelled cancellation;

    protected Visit() {}

    boolean exists() {
        return visitId != null;
    }

    String providerId() {
        return providerId;
    }

    VisitPlan plan() {
        return plan;
    }

    /** A repeated schedule request: the same plan is answered as before, a different one is a reused id. */
    CommandOutcome repeatSchedule(ScheduleVisit command, Caller caller) {
        requireVisibleTo(caller);
        if (plan.equals(command.plan())) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        throw Refusal.conflict(
                        "visit-id-reused",
                        "Visit " + visitId
                                + " is already scheduled with another plan; reschedule or reassign it instead.")
                .exception();
    }

    /** Called by {@link VisitScheduling} once the package, provider and worker checks have passed. */
    CommandOutcome schedule(
            ScheduleVisit command, PackageFacts carePackage, VisitRules rules, DeadlineManager deadlines) {
        VisitPlan requested = command.plan();
        requireJustifiedIfShort(requested.plannedMinutes(), requested.shortVisitJustification(), rules);
        boolean timeCritical = requested.timeCritical();
        apply(new VisitScheduled(
                command.visitId(),
                requested,
                carePackage.clientRef(),
                carePackage.providerId(),
                carePackage.zone(),
                carePackage.hourlyRatePence(),
                rules.lateAfter(timeCritical),
                rules.missedAfter(timeCritical)));
        watchForMiss(requested.plannedStart(), rules.missedAfter(timeCritical), command.requestedAt(), deadlines);
        return CommandOutcome.RECORDED;
    }

    /** Called by {@link VisitScheduling} once the worker is known to be free at the new time. */
    CommandOutcome reschedule(RescheduleVisit command, VisitRules rules, DeadlineManager deadlines, Caller caller) {
        requireVisibleTo(caller);
        requireStatus(VisitStatus.SCHEDULED, "rescheduled");
        if (plan.plannedStart().equals(command.plannedStart()) && plan.plannedMinutes() == command.plannedMinutes()) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        requireJustifiedIfShort(command.plannedMinutes(), plan.shortVisitJustification(), rules);
        apply(new VisitRescheduled(
                visitId,
                plan.workerId(),
                plan.plannedStart(),
                plan.plannedMinutes(),
                command.plannedStart(),
                command.plannedMinutes()));
        watchForMiss(command.plannedStart(), rules.missedAfter(plan.timeCritical()), command.requestedAt(), deadlines);
        return CommandOutcome.RECORDED;
    }

    /** Called by {@link VisitScheduling} once the new worker is known to be free and with this provider. */
    CommandOutcome reassign(ReassignVisit command, Caller caller) {
        requireVisibleTo(caller);
        requireStatus(VisitStatus.SCHEDULED, "reassigned");
        if (plan.workerId().equals(command.workerId())) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        apply(new VisitReassigned(visitId, plan.workerId(), command.workerId(), plan.plannedStart()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(CancelVisit command, Caller caller) {
        requireVisibleTo(caller);
        if (status == VisitStatus.CANCELLED
                && cancellation.initiatedBy() == command.initiatedBy()
                && cancellation.reason().equals(command.reason())) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        requireStatus(VisitStatus.SCHEDULED, "cancelled");
        long noticeMinutes =
                Duration.between(command.requestedAt(), plan.plannedStart()).toMinutes();
        apply(new VisitCancelled(
                visitId,
                providerId,
                plan.workerId(),
                command.initiatedBy(),
                command.reason(),
                command.requestedAt(),
                plan.plannedStart(),
                noticeMinutes));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(CheckInVisit command, VisitRules rules, Caller caller) {
        requireVisibleTo(caller);
        if (checkIn != null) {
            // A retry repeats the whole body; another time, method, reason or place is a second check-in.
            if (checkIn.at().equals(command.at())
                    && checkIn.method() == command.method()
                    && Objects.equals(checkIn.reason(), command.reason())
                    && Objects.equals(checkIn.location(), command.location())) {
                return CommandOutcome.ALREADY_RECORDED; // a retry of the check-in already recorded
            }
            throw Refusal.conflict(
                            "visit-already-checked-in",
                            "Visit " + visitId + " was already checked in at " + checkIn.at() + ".")
                    .with("checkedInAt", checkIn.at())
                    .exception();
        }
        requireOpen("checked in");
        requireReasonForManual(command.method(), command.reason());
        requireWithinEcmWindow(command.at(), rules, "check-in");
        long minutesLate =
                Math.max(0, Duration.between(plan.plannedStart(), command.at()).toMinutes());
        boolean late = command.at().isAfter(plan.plannedStart().plusSeconds(lateAfterMinutes * 60L));
        apply(new VisitCheckedIn(
                visitId,
                plan.workerId(),
                command.at(),
                command.method(),
                command.reason(),
                command.location(),
                late,
                minutesLate));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(CheckOutVisit command, VisitRules rules, BillingPolicy billing, Caller caller) {
        requireVisibleTo(caller);
        if (checkOut != null) {
            if (checkOut.at().equals(command.at())
                    && checkOut.method() == command.method()
                    && Objects.equals(checkOut.reason(), command.reason())
                    && delivery.endedEarlyAtClientRequest() == command.endedEarlyAtClientRequest()) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "visit-already-checked-out",
                            "Visit " + visitId + " was already checked out at " + checkOut.at() + ".")
                    .exception();
        }
        if (status != VisitStatus.IN_PROGRESS) {
            throw Refusal.conflict(
                            "visit-not-checked-in",
                            "Visit " + visitId + " is " + status + ": only a checked-in visit can be checked out.")
                    .exception();
        }
        if (!command.at().isAfter(checkIn.at())) {
            throw Refusal.rule(
                            "check-out-before-check-in",
                            "Check-out at " + command.at() + " is not after check-in at " + checkIn.at() + ".")
                    .with("checkedInAt", checkIn.at())
                    .exception();
        }
        requireReasonForManual(command.method(), command.reason());
        requireWithinEcmWindow(command.at(), rules, "check-out");
        int delivered = (int) Duration.between(checkIn.at(), command.at()).toMinutes();
        apply(new VisitCheckedOut(visitId, command.at(), command.method(), command.reason()));
        apply(delivered(
                DeliverySource.ECM,
                checkIn.at(),
                command.at(),
                delivered,
                checkIn.late(),
                command.endedEarlyAtClientRequest(),
                command.reason(),
                rules,
                billing));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(RecordDelivery command, VisitRules rules, BillingPolicy billing, Caller caller) {
        requireVisibleTo(caller);
        if (delivery != null && delivery.source() == DeliverySource.RECORDED) {
            if (delivery.startedAt().equals(command.startedAt())
                    && delivery.deliveredMinutes() == command.deliveredMinutes()
                    && delivery.endedEarlyAtClientRequest() == command.endedEarlyAtClientRequest()
                    && Objects.equals(delivery.reason(), command.reason())) {
                return CommandOutcome.ALREADY_RECORDED;
            }
        }
        if (checkIn != null || delivery != null) {
            throw Refusal.conflict(
                            "visit-already-delivered",
                            "Visit " + visitId + " already has its delivery recorded"
                                    + (checkIn != null ? " by ECM." : "."))
                    .exception();
        }
        requireOpen("recorded as delivered");
        if (command.reason() == null || command.reason().isBlank()) {
            throw Refusal.rule("delivery-reason-required", "Delivered minutes recorded without ECM need a reason.")
                    .exception();
        }
        requireWithinEcmWindow(command.startedAt(), rules, "start");
        Instant endedAt = command.startedAt().plusSeconds(command.deliveredMinutes() * 60L);
        boolean late = command.startedAt().isAfter(plan.plannedStart().plusSeconds(lateAfterMinutes * 60L));
        apply(delivered(
                DeliverySource.RECORDED,
                command.startedAt(),
                endedAt,
                command.deliveredMinutes(),
                late,
                command.endedEarlyAtClientRequest(),
                command.reason(),
                rules,
                billing));
        return CommandOutcome.RECORDED;
    }

    @DeadlineHandler(deadlineName = MISSED_DEADLINE)
    void on(MissedVisitDue due) {
        // A deadline set before a reschedule, or racing a check-in, finds the visit moved on: nothing to record.
        if (status == VisitStatus.SCHEDULED && plan.plannedStart().equals(due.plannedStart())) {
            applyMissed(due.dueAt());
        }
    }

    private VisitDelivered delivered(
            DeliverySource source,
            Instant startedAt,
            Instant endedAt,
            int deliveredMinutes,
            boolean late,
            boolean endedEarly,
            String reason,
            VisitRules rules,
            BillingPolicy billing) {
        int planned = plan.plannedMinutes();
        return new VisitDelivered(
                visitId,
                providerId,
                clientRef,
                plan.workerId(),
                source,
                startedAt,
                endedAt,
                planned,
                deliveredMinutes,
                late,
                endedEarly,
                rules.isShort(planned, deliveredMinutes, endedEarly),
                endedEarly ? Math.max(0, planned - deliveredMinutes) : 0,
                reason,
                billing.bill(deliveredMinutes, hourlyRatePence));
    }

    private void watchForMiss(Instant plannedStart, int missedAfterMinutes, Instant now, DeadlineManager deadlines) {
        Instant dueAt = plannedStart.plusSeconds(missedAfterMinutes * 60L);
        if (dueAt.isAfter(now)) {
            deadlines.schedule(dueAt, MISSED_DEADLINE, new MissedVisitDue(plannedStart, dueAt));
        } else {
            applyMissed(now); // scheduled after its missed moment: missed from the start
        }
    }

    private void applyMissed(Instant detectedAt) {
        apply(
                new VisitMissed(
                        visitId,
                        providerId,
                        clientRef,
                        plan.workerId(),
                        plan.plannedStart(),
                        (int) Duration.between(plan.plannedStart(), detectedAt).toMinutes(),
                        detectedAt),
                MetaData.from(MISSED_VISIT_DETECTOR.toMetaData()));
    }

    void requireVisibleTo(Caller caller) {
        if (!caller.mayActFor(providerId)) {
            throw Refusal.notFound("unknown-visit", "No visit " + visitId + ".").exception();
        }
    }

    private void requireStatus(VisitStatus expected, String action) {
        if (status != expected) {
            throw Refusal.conflict(
                            "visit-not-open",
                            "Visit " + visitId + " is " + status + " and can no longer be " + action + ".")
                    .with("visitStatus", status)
                    .exception();
        }
    }

    /** A visit can be delivered while scheduled, or after it was flagged missed (it then counts as late). */
    private void requireOpen(String action) {
        if (status != VisitStatus.SCHEDULED && status != VisitStatus.MISSED) {
            throw Refusal.conflict(
                            "visit-not-open",
                            "Visit " + visitId + " is " + status + " and can no longer be " + action + ".")
                    .with("visitStatus", status)
                    .exception();
        }
    }

    private static void requireJustifiedIfShort(int plannedMinutes, String justification, VisitRules rules) {
        if (plannedMinutes < rules.minimumPlannedMinutes() && (justification == null || justification.isBlank())) {
            throw Refusal.rule(
                            "short-visit-not-justified",
                            "Visits are planned for at least " + rules.minimumPlannedMinutes()
                                    + " minutes unless the roster gives a shortVisitJustification.")
                    .with("minimumPlannedMinutes", rules.minimumPlannedMinutes())
                    .exception();
        }
    }

    private static void requireReasonForManual(EcmMethod method, String reason) {
        if (method == EcmMethod.MANUAL && (reason == null || reason.isBlank())) {
            throw Refusal.rule("manual-reason-required", "A MANUAL check-in or check-out needs a reason.")
                    .exception();
        }
    }

    private void requireWithinEcmWindow(Instant at, VisitRules rules, String what) {
        Duration distance = Duration.between(plan.plannedStart(), at).abs();
        if (distance.compareTo(rules.ecmWindow()) > 0) {
            throw Refusal.rule(
                            "ecm-time-out-of-window",
                            "The " + what + " time " + at + " is more than "
                                    + rules.ecmWindow().toHours() + " hours from the planned start "
                                    + plan.plannedStart() + ".")
                    .exception();
        }
    }

    @EventSourcingHandler
    void on(VisitScheduled event) {
        streamId = StreamIds.visit(event.visitId());
        visitId = event.visitId();
        plan = event.plan();
        providerId = event.providerId();
        clientRef = event.clientRef();
        hourlyRatePence = event.hourlyRatePence();
        lateAfterMinutes = event.lateAfterMinutes();
        status = VisitStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(VisitRescheduled event) {
        plan = plan.rescheduled(event.plannedStart(), event.plannedMinutes());
    }

    @EventSourcingHandler
    void on(VisitReassigned event) {
        plan = plan.reassigned(event.workerId());
    }

    @EventSourcingHandler
    void on(VisitCancelled event) {
        cancellation = event;
        status = VisitStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(VisitMissed event) {
        status = VisitStatus.MISSED;
    }

    @EventSourcingHandler
    void on(VisitCheckedIn event) {
        checkIn = event;
        status = VisitStatus.IN_PROGRESS;
    }

    @EventSourcingHandler
    void on(VisitCheckedOut event) {
        checkOut = event;
    }

    @EventSourcingHandler
    void on(VisitDelivered event) {
        delivery = event;
        status = VisitStatus.DELIVERED;
    }
}
