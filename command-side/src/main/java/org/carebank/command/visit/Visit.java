package org.carebank.command.visit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.carebank.kernel.alert.AcknowledgeAlert;
import org.carebank.kernel.alert.AlertAcknowledged;
import org.carebank.kernel.alert.AlertEscalated;
import org.carebank.kernel.alert.AlertIds;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertOutcome;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertResolved;
import org.carebank.kernel.alert.AlertStatus;
import org.carebank.kernel.alert.ResolveAlert;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.payment.AcceptVisitExceptions;
import org.carebank.kernel.payment.DeliveryVerified;
import org.carebank.kernel.payment.Verification;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.payment.VisitExceptionsAccepted;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentReceipt;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.ApproveVisitAmendment;
import org.carebank.kernel.visit.CancelVisit;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.CheckOutVisit;
import org.carebank.kernel.visit.DeliverySource;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.ImportVisit;
import org.carebank.kernel.visit.ReassignVisit;
import org.carebank.kernel.visit.RecordDelivery;
import org.carebank.kernel.visit.RecordSource;
import org.carebank.kernel.visit.RejectVisitAmendment;
import org.carebank.kernel.visit.RequestVisitAmendment;
import org.carebank.kernel.visit.RescheduleVisit;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
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
import org.carebank.kernel.visit.VisitTimes;

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

    /** Set beside the missed deadline, at the late threshold, and never cancelled either (ADR 0017). */
    static final String OVERDUE_DEADLINE = "visit-overdue";

    /** Set for time-critical visits at each alert's moment plus the escalation setting; never cancelled. */
    static final String ESCALATION_DEADLINE = "alert-escalation";
    /** The reason an imported MANUAL time carries: the live rule asks every manual entry for one. */
    static final String IMPORTED_MANUAL_REASON = "entered by hand in the previous ECM system (imported)";

    static final Caller MISSED_VISIT_DETECTOR = Caller.system("carebank:missed-visit-detector");

    static final Caller AUTO_APPROVAL = Caller.system("carebank:amendment-auto-approval");
    static final Caller ALERT_RAISER = Caller.system("carebank:alerts");

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
    private final Map<String, VisitAlert> alerts = new LinkedHashMap<>();

    /** The delivery as the record stands now: the ECM or recorded times, or an approved amendment's. */
    private VisitTimes recorded = NOTHING_RECORDED;

    private final Map<String, VisitAmendmentRequested> amendments = new HashMap<>();
    private final Map<String, AmendmentStatus> amendmentStatus = new HashMap<>();
    private String openAmendmentId;

    private static final VisitTimes NOTHING_RECORDED = new VisitTimes(null, null, 0, false, false);
    private List<VisitException> exceptions = List.of();
    private VisitExceptionsAccepted acceptance;

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
            ScheduleVisit command,
            PackageFacts carePackage,
            VisitRules rules,
            AlertRules alertRules,
            DeadlineManager deadlines) {
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
        watchDeadlines(requested.plannedStart(), rules, alertRules, command.requestedAt(), false, deadlines);
        return CommandOutcome.RECORDED;
    }

    /** A repeated import line: the same visit and outcome is answered as before (UNCHANGED), another is a reused id. */
    CommandOutcome repeatImport(ImportVisit line, Caller caller) {
        requireVisibleTo(caller);
        boolean same = plan.equals(line.plan())
                && Objects.equals(checkIn == null ? null : checkIn.at(), line.checkedInAt())
                && (checkIn == null || checkIn.method() == importedMethod(line))
                && Objects.equals(checkOut == null ? null : checkOut.at(), line.checkedOutAt())
                && (status == VisitStatus.CANCELLED) == (line.cancellation() != null);
        if (same) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        throw Refusal.conflict(
                        "visit-id-reused", "Visit " + visitId + " is already recorded with another plan or outcome.")
                .exception();
    }

    /**
     * Called by {@link VisitScheduling} for one line of a history import, once the package, provider and worker checks
     * have passed. The line's plan and outcome are checked by the live rules before the first event is applied, so a
     * refused line leaves nothing behind; then the visit is scheduled and its outcome recorded in one step, every event
     * marked {@code source: IMPORT}. Delivered, short, unused and billable minutes come out as they would live.
     */
    CommandOutcome importPast(
            ImportVisit line,
            PackageFacts carePackage,
            VisitRules rules,
            AlertRules alertRules,
            BillingPolicy billing,
            DeadlineManager deadlines) {
        VisitPlan requested = line.plan();
        requireJustifiedIfShort(requested.plannedMinutes(), requested.shortVisitJustification(), rules);
        requireImportedOutcomeValid(line, rules);
        var imported = MetaData.with(RecordSource.KEY, RecordSource.IMPORT);
        boolean timeCritical = requested.timeCritical();
        apply(
                new VisitScheduled(
                        line.visitId(),
                        requested,
                        carePackage.clientRef(),
                        carePackage.providerId(),
                        carePackage.zone(),
                        carePackage.hourlyRatePence(),
                        rules.lateAfter(timeCritical),
                        rules.missedAfter(timeCritical)),
                imported);
        EcmMethod method = importedMethod(line);
        String reason = method == EcmMethod.MANUAL ? IMPORTED_MANUAL_REASON : null;
        if (line.cancellation() != null) {
            var cancelled = line.cancellation();
            apply(
                    new VisitCancelled(
                            visitId,
                            providerId,
                            plan.workerId(),
                            cancelled.initiatedBy(),
                            cancelled.reason(),
                            cancelled.cancelledAt(),
                            plan.plannedStart(),
                            Duration.between(cancelled.cancelledAt(), plan.plannedStart())
                                    .toMinutes()),
                    imported);
        } else if (line.checkedInAt() != null) {
            Instant at = line.checkedInAt();
            boolean late = at.isAfter(plan.plannedStart().plusSeconds(lateAfterMinutes * 60L));
            long minutesLate =
                    Math.max(0, Duration.between(plan.plannedStart(), at).toMinutes());
            apply(new VisitCheckedIn(visitId, plan.workerId(), at, method, reason, null, late, minutesLate), imported);
            if (line.checkedOutAt() != null) {
                Instant out = line.checkedOutAt();
                apply(new VisitCheckedOut(visitId, out, method, reason), imported);
                int delivered = (int) Duration.between(at, out).toMinutes();
                apply(
                        delivered(
                                DeliverySource.ECM,
                                at,
                                out,
                                delivered,
                                late,
                                line.endedEarlyAtClientRequest(),
                                reason,
                                rules,
                                billing),
                        imported);
            }
        }
        watchDeadlines(requested.plannedStart(), rules, alertRules, line.requestedAt(), true, deadlines);
        return CommandOutcome.RECORDED;
    }

    /** Without a method, an imported check-in or check-out is taken as entered by hand in the previous system. */
    private static EcmMethod importedMethod(ImportVisit line) {
        return line.method() == null ? EcmMethod.MANUAL : line.method();
    }

    private void requireImportedOutcomeValid(ImportVisit line, VisitRules rules) {
        Instant plannedStart = line.plan().plannedStart();
        if (line.cancellation() != null && (line.checkedInAt() != null || line.checkedOutAt() != null)) {
            throw Refusal.rule(
                            "import-cancelled-with-times",
                            "A cancelled visit has no check-in or check-out times; send one or the other.")
                    .exception();
        }
        if (line.checkedOutAt() != null && line.checkedInAt() == null) {
            throw Refusal.rule("import-check-out-without-check-in", "A check-out time needs a check-in time.")
                    .exception();
        }
        for (Instant at : new Instant[] {line.checkedInAt(), line.checkedOutAt()}) {
            if (at != null && at.isAfter(line.requestedAt())) {
                throw Refusal.rule(
                                "import-time-in-future",
                                "An import records the past: " + at + " is after the time of the import.")
                        .exception();
            }
        }
        if (line.checkedInAt() != null) {
            requireWithinEcmWindow(plannedStart, line.checkedInAt(), rules, "check-in");
        }
        if (line.checkedOutAt() != null) {
            if (!line.checkedOutAt().isAfter(line.checkedInAt())) {
                throw Refusal.rule(
                                "check-out-before-check-in",
                                "Check-out at " + line.checkedOutAt() + " is not after check-in at "
                                        + line.checkedInAt() + ".")
                        .with("checkedInAt", line.checkedInAt())
                        .exception();
            }
            requireWithinEcmWindow(plannedStart, line.checkedOutAt(), rules, "check-out");
        }
    }

    /** Called by {@link VisitScheduling} once the worker is known to be free at the new time. */
    CommandOutcome reschedule(
            RescheduleVisit command,
            VisitRules rules,
            AlertRules alertRules,
            DeadlineManager deadlines,
            Caller caller) {
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
        resolveOpenAlerts(AlertOutcome.VISIT_REARRANGED, command.requestedAt(), "visit rescheduled");
        watchDeadlines(command.plannedStart(), rules, alertRules, command.requestedAt(), false, deadlines);
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
        resolveOpenAlerts(AlertOutcome.VISIT_REARRANGED, command.requestedAt(), "visit cancelled");
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
        resolveOpenAlerts(AlertOutcome.WORKER_ARRIVED, command.at(), "checked in");
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(
            CheckOutVisit command,
            VisitRules rules,
            BillingPolicy billing,
            VerificationSettings verification,
            Caller caller) {
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
        applyVerification(verification
                .checks()
                .exceptions(
                        checkIn.method(),
                        command.method(),
                        plan.plannedMinutes(),
                        delivered,
                        plan.location(),
                        checkIn.location()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(
            RecordDelivery command,
            VisitRules rules,
            BillingPolicy billing,
            VerificationSettings verification,
            Caller caller) {
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
        applyVerification(verification
                .checks()
                .exceptions(null, null, plan.plannedMinutes(), command.deliveredMinutes(), plan.location(), null));
        resolveOpenAlerts(AlertOutcome.WORKER_ARRIVED, command.startedAt(), "delivery recorded");
        return CommandOutcome.RECORDED;
    }

    // --- visit maintenance -------------------------------------------------------------------------------------

    @CommandHandler
    AmendmentReceipt handle(
            RequestVisitAmendment command,
            VisitRules rules,
            BillingPolicy billing,
            AmendmentRules amending,
            Caller caller) {
        requireVisibleTo(caller);
        var earlier = amendments.get(command.amendmentId());
        if (earlier != null) {
            if (sameRequest(earlier, command)) {
                return new AmendmentReceipt(
                        CommandOutcome.ALREADY_RECORDED,
                        command.amendmentId(),
                        amendmentStatus.get(command.amendmentId()));
            }
            throw Refusal.conflict(
                            "amendment-id-reused",
                            "Amendment " + command.amendmentId() + " of visit " + visitId
                                    + " was already requested with other details.")
                    .exception();
        }
        if (status == VisitStatus.CANCELLED) {
            throw Refusal.rule(
                            "amendment-of-cancelled-visit",
                            "Visit " + visitId + " was cancelled: there is no delivery to correct.")
                    .with("visitStatus", status)
                    .exception();
        }
        if (command.requestedAt().isBefore(plan.plannedStart())) {
            throw Refusal.rule(
                            "visit-not-yet-due",
                            "Visit " + visitId + " is planned for " + plan.plannedStart()
                                    + ": a visit is amended once it was due.")
                    .exception();
        }
        Instant lockedFrom = plan.plannedStart().plus(amending.lockPeriod());
        if (command.requestedAt().isAfter(lockedFrom)) {
            throw Refusal.rule(
                            "amendment-locked",
                            "Visit " + visitId + " was planned for " + plan.plannedStart() + "; visits are amended "
                                    + "within " + amending.lockPeriod().toDays() + " days of their planned start.")
                    .with("lockedSince", lockedFrom)
                    .exception();
        }
        if (openAmendmentId != null) {
            throw Refusal.rule(
                            "amendment-pending",
                            "Visit " + visitId + " already has amendment " + openAmendmentId
                                    + " waiting for the council; one open amendment per visit.")
                    .with("pendingAmendmentId", openAmendmentId)
                    .exception();
        }
        if (command.reasonCode() == AmendmentReason.OTHER
                && (command.note() == null || command.note().isBlank())) {
            throw Refusal.rule("note-required", "An amendment with reason OTHER needs a note saying what happened.")
                    .exception();
        }
        VisitTimes after = amendedTimes(command, rules);
        if (after.equals(recorded)) {
            throw Refusal.rule(
                            "amendment-changes-nothing",
                            "Amendment " + command.amendmentId() + " asks for what visit " + visitId
                                    + " already records.")
                    .exception();
        }
        apply(new VisitAmendmentRequested(
                visitId,
                command.amendmentId(),
                providerId,
                clientRef,
                plan.workerId(),
                plan.plannedStart(),
                status,
                recorded,
                after,
                command.reasonCode(),
                command.note(),
                caller.principal(),
                command.requestedAt()));
        if (amending.autoApproves(after.deliveredMinutes() - recorded.deliveredMinutes())) {
            apply(
                    approval(command.amendmentId(), null, AUTO_APPROVAL, true, command.requestedAt(), rules, billing),
                    MetaData.from(AUTO_APPROVAL.toMetaData()));
            return new AmendmentReceipt(CommandOutcome.RECORDED, command.amendmentId(), AmendmentStatus.APPROVED);
        }
        return new AmendmentReceipt(CommandOutcome.RECORDED, command.amendmentId(), AmendmentStatus.PENDING);
    }

    @CommandHandler
    AmendmentReceipt handle(ApproveVisitAmendment command, VisitRules rules, BillingPolicy billing, Caller caller) {
        if (decided(command.amendmentId(), AmendmentStatus.APPROVED, caller)) {
            return new AmendmentReceipt(
                    CommandOutcome.ALREADY_RECORDED, command.amendmentId(), AmendmentStatus.APPROVED);
        }
        apply(approval(command.amendmentId(), command.note(), caller, false, command.requestedAt(), rules, billing));
        return new AmendmentReceipt(CommandOutcome.RECORDED, command.amendmentId(), AmendmentStatus.APPROVED);
    }

    @CommandHandler
    AmendmentReceipt handle(RejectVisitAmendment command, Caller caller) {
        if (decided(command.amendmentId(), AmendmentStatus.REJECTED, caller)) {
            return new AmendmentReceipt(
                    CommandOutcome.ALREADY_RECORDED, command.amendmentId(), AmendmentStatus.REJECTED);
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw Refusal.rule("rejection-reason-required", "A rejected amendment needs a reason.")
                    .exception();
        }
        apply(new VisitAmendmentRejected(
                visitId,
                command.amendmentId(),
                providerId,
                command.reason(),
                caller.principal(),
                command.requestedAt()));
        return new AmendmentReceipt(CommandOutcome.RECORDED, command.amendmentId(), AmendmentStatus.REJECTED);
    }

    /**
     * The checks every decision shares: the council decides, on an amendment it knows, not yet decided otherwise,
     * requested by someone else (four eyes). True when the amendment already has this very decision (a retry).
     */
    private boolean decided(String amendmentId, AmendmentStatus decision, Caller caller) {
        requireVisibleTo(caller);
        var requested = amendments.get(amendmentId);
        if (requested == null) {
            throw Refusal.notFound("unknown-amendment", "Visit " + visitId + " has no amendment " + amendmentId + ".")
                    .exception();
        }
        if (caller.role() != Role.COUNCIL) {
            throw new Refusal(
                            "council-only",
                            403,
                            "Forbidden",
                            "Only the council approves or rejects an amendment.",
                            Map.of())
                    .exception();
        }
        AmendmentStatus current = amendmentStatus.get(amendmentId);
        if (current == decision) {
            return true;
        }
        if (current != AmendmentStatus.PENDING) {
            throw Refusal.conflict(
                            "amendment-already-decided",
                            "Amendment " + amendmentId + " of visit " + visitId + " is already " + current + ".")
                    .with("amendmentStatus", current)
                    .exception();
        }
        if (caller.principal().equals(requested.requestedBy())) {
            throw new Refusal(
                            "four-eyes-required",
                            403,
                            "Forbidden",
                            "Amendment " + amendmentId + " was requested by " + caller.principal()
                                    + "; another council member decides it.",
                            Map.of())
                    .with("requestedBy", requested.requestedBy())
                    .exception();
        }
        return false;
    }

    private static boolean sameRequest(VisitAmendmentRequested earlier, RequestVisitAmendment command) {
        return earlier.reasonCode() == command.reasonCode()
                && java.util.Objects.equals(earlier.note(), command.note())
                && earlier.after().notDelivered() == command.notDelivered()
                && (command.checkedInAt() == null
                        || command.checkedInAt().equals(earlier.after().startedAt()))
                && (command.checkedOutAt() == null
                        || command.checkedOutAt().equals(earlier.after().endedAt()));
    }

    /** What the visit would record after the amendment: a time left out keeps the one recorded now. */
    private VisitTimes amendedTimes(RequestVisitAmendment command, VisitRules rules) {
        if (command.notDelivered()) {
            if (command.checkedInAt() != null || command.checkedOutAt() != null) {
                throw Refusal.rule(
                                "amendment-contradicts-itself",
                                "An amendment saying the visit was not delivered gives no check-in or check-out.")
                        .exception();
            }
            return new VisitTimes(null, null, 0, false, true);
        }
        Instant startedAt = command.checkedInAt() != null ? command.checkedInAt() : recorded.startedAt();
        Instant endedAt = command.checkedOutAt() != null ? command.checkedOutAt() : recorded.endedAt();
        if (startedAt == null || endedAt == null) {
            throw Refusal.rule(
                            "amendment-incomplete",
                            "Visit " + visitId + " records no " + (startedAt == null ? "check-in" : "check-out")
                                    + ": the amendment gives "
                                    + (startedAt == null ? "checkedInAt" : "checkedOutAt") + ".")
                    .exception();
        }
        if (!endedAt.isAfter(startedAt)) {
            throw Refusal.rule(
                            "check-out-before-check-in",
                            "Check-out at " + endedAt + " is not after check-in at " + startedAt + ".")
                    .with("checkedInAt", startedAt)
                    .exception();
        }
        requireWithinEcmWindow(startedAt, rules, "amended check-in");
        requireWithinEcmWindow(endedAt, rules, "amended check-out");
        boolean endedEarly = command.endedEarlyAtClientRequest() != null
                ? command.endedEarlyAtClientRequest()
                : recorded.endedEarlyAtClientRequest();
        int minutes = (int) Duration.between(startedAt, endedAt).toMinutes();
        return new VisitTimes(startedAt, endedAt, minutes, endedEarly, false);
    }

    /** The approved amendment's figures, decided as a delivery decides them ({@link #delivered}). */
    private VisitAmendmentApproved approval(
            String amendmentId,
            String note,
            Caller decidedBy,
            boolean automatic,
            Instant at,
            VisitRules rules,
            BillingPolicy billingPolicy) {
        var requested = amendments.get(amendmentId);
        VisitTimes after = requested.after();
        int planned = plan.plannedMinutes();
        int minutes = after.deliveredMinutes();
        boolean endedEarly = after.endedEarlyAtClientRequest();
        boolean late = !after.notDelivered()
                && after.startedAt().isAfter(plan.plannedStart().plusSeconds(lateAfterMinutes * 60L));
        return new VisitAmendmentApproved(
                visitId,
                amendmentId,
                providerId,
                clientRef,
                plan.workerId(),
                plan.plannedStart(),
                planned,
                after.startedAt(),
                after.endedAt(),
                minutes,
                late,
                !after.notDelivered() && rules.isShort(planned, minutes, endedEarly),
                endedEarly && !after.notDelivered() ? Math.max(0, planned - minutes) : 0,
                endedEarly,
                after.notDelivered(),
                billingPolicy.bill(minutes, hourlyRatePence),
                requested.reasonCode(),
                note,
                decidedBy.principal(),
                automatic,
                at);
    }

    /** The council accepts the delivered visit's exceptions, so that it becomes payable (domain, "Verification"). */
    @CommandHandler
    CommandOutcome handle(AcceptVisitExceptions command, Caller caller) {
        requireVisibleTo(caller);
        if (acceptance != null) {
            return CommandOutcome.ALREADY_RECORDED; // accepted once, for good: a repeat changes nothing
        }
        if (status != VisitStatus.DELIVERED) {
            throw Refusal.conflict(
                            "visit-not-delivered",
                            "Visit " + visitId + " is " + status
                                    + ": only a delivered visit's exceptions are accepted.")
                    .with("visitStatus", status)
                    .exception();
        }
        if (exceptions.isEmpty()) {
            throw Refusal.conflict(
                            "no-exceptions-to-accept", "Visit " + visitId + " is verified: it has no exceptions.")
                    .exception();
        }
        apply(new VisitExceptionsAccepted(visitId, providerId, exceptions, command.note(), command.requestedAt()));
        return CommandOutcome.RECORDED;
    }

    private void applyVerification(List<VisitException> found) {
        apply(new DeliveryVerified(visitId, providerId, Verification.of(found), found));
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

    /**
     * The one place that decides which deadlines a visit gets, live or imported (ADR 0008, ADR 0017, ADR 0019): overdue
     * at the late threshold, missed at the missed threshold and, for a time-critical visit, an escalation check the
     * escalation setting after each. A live visit scheduled after one of those moments has it recorded at once. An
     * imported visit is a fact of the past: once it has an outcome (checked in, cancelled) it needs no watch, and a
     * moment already past at the import is neither watched nor recorded (the previous system's record says what
     * happened); a moment still ahead is watched like a live one.
     */
    private void watchDeadlines(
            Instant plannedStart,
            VisitRules rules,
            AlertRules alertRules,
            Instant now,
            boolean imported,
            DeadlineManager deadlines) {
        if (imported && status != VisitStatus.SCHEDULED) {
            return;
        }
        boolean timeCritical = plan.timeCritical();
        Instant overdueAt = plannedStart.plusSeconds(rules.lateAfter(timeCritical) * 60L);
        Instant missedAt = plannedStart.plusSeconds(rules.missedAfter(timeCritical) * 60L);
        if (overdueAt.isAfter(now)) {
            deadlines.schedule(overdueAt, OVERDUE_DEADLINE, new OverdueVisitDue(plannedStart, overdueAt));
            watchForEscalation(plannedStart, overdueAt, alertRules, deadlines);
        } else if (missedAt.isAfter(now) && !imported) {
            raiseAlert(AlertKind.OVERDUE, now, null); // scheduled between its late and missed moments: overdue now
            watchForEscalation(plannedStart, now, alertRules, deadlines);
        }
        if (missedAt.isAfter(now)) {
            deadlines.schedule(missedAt, MISSED_DEADLINE, new MissedVisitDue(plannedStart, missedAt));
            watchForEscalation(plannedStart, missedAt, alertRules, deadlines);
        } else if (!imported) {
            applyMissed(now); // scheduled after its missed moment: missed from the start
            watchForEscalation(plannedStart, now, alertRules, deadlines);
        }
    }

    private void watchForEscalation(
            Instant plannedStart, Instant raisedAt, AlertRules alertRules, DeadlineManager deadlines) {
        if (plan.timeCritical()) {
            Instant dueAt = raisedAt.plus(alertRules.escalateAfter());
            deadlines.schedule(
                    dueAt,
                    ESCALATION_DEADLINE,
                    new AlertEscalationDue(plannedStart, dueAt, alertRules.escalateAfterMinutes()));
        }
    }

    @DeadlineHandler(deadlineName = OVERDUE_DEADLINE)
    void on(OverdueVisitDue due) {
        // Checked in, cancelled or rescheduled since: nothing to raise. Fires once: one OVERDUE per planned start.
        boolean raised = alerts.values().stream()
                .anyMatch(alert -> alert.kind() == AlertKind.OVERDUE
                        && alert.plannedStart().equals(due.plannedStart()));
        if (status == VisitStatus.SCHEDULED && plan.plannedStart().equals(due.plannedStart()) && !raised) {
            raiseAlert(AlertKind.OVERDUE, due.dueAt(), null);
        }
    }

    @DeadlineHandler(deadlineName = ESCALATION_DEADLINE)
    void on(AlertEscalationDue due) {
        Instant cutoff = due.dueAt().minusSeconds(due.escalateAfterMinutes() * 60L);
        for (VisitAlert alert : new ArrayList<>(alerts.values())) {
            if (alert.escalatesAt(due.plannedStart(), cutoff)) {
                String escalationId = AlertIds.of(visitId, alerts.size() + 1);
                apply(
                        new AlertEscalated(
                                alert.alertId(),
                                visitId,
                                providerId,
                                escalationId,
                                (int) Duration.between(alert.raisedAt(), due.dueAt())
                                        .toMinutes(),
                                due.dueAt()),
                        MetaData.from(ALERT_RAISER.toMetaData()));
                raiseAlert(AlertKind.ESCALATED, due.dueAt(), alert.alertId());
            }
        }
    }

    private void raiseAlert(AlertKind kind, Instant at, String escalationOf) {
        apply(
                new AlertRaised(
                        AlertIds.of(visitId, alerts.size() + 1),
                        kind,
                        visitId,
                        providerId,
                        clientRef,
                        plan.timeCritical(),
                        plan.plannedStart(),
                        at,
                        escalationOf),
                MetaData.from(ALERT_RAISER.toMetaData()));
    }

    /** The visit moved on (arrived, rearranged): every alert still open or acknowledged ends, by the service. */
    private void resolveOpenAlerts(AlertOutcome outcome, Instant at, String note) {
        for (VisitAlert alert : new ArrayList<>(alerts.values())) {
            if (!alert.resolved()) {
                Instant resolvedAt = at.isBefore(alert.raisedAt()) ? alert.raisedAt() : at;
                apply(new AlertResolved(alert.alertId(), visitId, providerId, outcome, note, resolvedAt, true));
            }
        }
    }

    @CommandHandler
    CommandOutcome handle(AcknowledgeAlert command, Caller caller) {
        VisitAlert alert = alertVisibleTo(command.alertId(), caller);
        if (alert.status() == AlertStatus.RESOLVED) {
            throw alreadyResolved(alert);
        }
        if (alert.status() == AlertStatus.ACKNOWLEDGED) {
            if (Objects.equals(alert.acknowledgementNote(), command.note())) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "alert-already-acknowledged",
                            "Alert " + alert.alertId() + " is already acknowledged; resolve it with an outcome.")
                    .with("alertStatus", alert.status())
                    .exception();
        }
        apply(new AlertAcknowledged(alert.alertId(), visitId, providerId, command.note(), command.requestedAt()));
        return CommandOutcome.RECORDED;
    }

    /**
     * Resolving is allowed straight from OPEN (a provider who has already sorted it out need not acknowledge first);
     * the alert it escalated to, or was escalated from, ends with it.
     */
    @CommandHandler
    CommandOutcome handle(ResolveAlert command, Caller caller) {
        VisitAlert alert = alertVisibleTo(command.alertId(), caller);
        if (alert.status() == AlertStatus.RESOLVED) {
            if (alert.outcome() == command.outcome() && Objects.equals(alert.resolutionNote(), command.note())) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw alreadyResolved(alert);
        }
        apply(new AlertResolved(
                alert.alertId(), visitId, providerId, command.outcome(), command.note(), command.requestedAt(), false));
        for (String linked : new String[] {alert.escalatedAs(), alert.escalationOf()}) {
            VisitAlert other = linked == null ? null : alerts.get(linked);
            if (other != null && !other.resolved()) {
                apply(new AlertResolved(
                        other.alertId(),
                        visitId,
                        providerId,
                        command.outcome(),
                        "resolved with " + alert.alertId(),
                        command.requestedAt(),
                        true));
            }
        }
        return CommandOutcome.RECORDED;
    }

    private VisitAlert alertVisibleTo(String alertId, Caller caller) {
        VisitAlert alert = alerts.get(alertId);
        if (alert == null || !caller.mayActFor(providerId)) {
            throw Refusal.notFound("unknown-alert", "No alert " + alertId + ".").exception();
        }
        return alert;
    }

    private static RuntimeException alreadyResolved(VisitAlert alert) {
        return Refusal.conflict(
                        "alert-already-resolved",
                        "Alert " + alert.alertId() + " was resolved as " + alert.outcome() + " and is closed.")
                .with("alertStatus", alert.status())
                .with("outcome", alert.outcome())
                .exception();
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
        raiseAlert(AlertKind.MISSED, detectedAt, null);
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
        requireWithinEcmWindow(plan.plannedStart(), at, rules, what);
    }

    private static void requireWithinEcmWindow(Instant plannedStart, Instant at, VisitRules rules, String what) {
        Duration distance = Duration.between(plannedStart, at).abs();
        if (distance.compareTo(rules.ecmWindow()) > 0) {
            throw Refusal.rule(
                            "ecm-time-out-of-window",
                            "The " + what + " time " + at + " is more than "
                                    + rules.ecmWindow().toHours() + " hours from the planned start "
                                    + plannedStart + ".")
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
        recorded = new VisitTimes(event.at(), null, 0, false, false);
    }

    @EventSourcingHandler
    void on(VisitCheckedOut event) {
        checkOut = event;
    }

    @EventSourcingHandler
    void on(DeliveryVerified event) {
        exceptions = event.exceptions();
    }

    @EventSourcingHandler
    void on(VisitExceptionsAccepted event) {
        acceptance = event;
    }

    @EventSourcingHandler
    void on(VisitDelivered event) {
        delivery = event;
        status = VisitStatus.DELIVERED;
        recorded = new VisitTimes(
                event.startedAt(), event.endedAt(), event.deliveredMinutes(), event.endedEarlyAtClientRequest(), false);
    }

    @EventSourcingHandler
    void on(VisitAmendmentRequested event) {
        amendments.put(event.amendmentId(), event);
        amendmentStatus.put(event.amendmentId(), AmendmentStatus.PENDING);
        openAmendmentId = event.amendmentId();
    }

    @EventSourcingHandler
    void on(VisitAmendmentApproved event) {
        amendmentStatus.put(event.amendmentId(), AmendmentStatus.APPROVED);
        openAmendmentId = null;
        recorded = amendments.get(event.amendmentId()).after();
        status = event.notDelivered() ? VisitStatus.MISSED : VisitStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(VisitAmendmentRejected event) {
        amendmentStatus.put(event.amendmentId(), AmendmentStatus.REJECTED);
        openAmendmentId = null;
    }

    @EventSourcingHandler
    void on(AlertRaised event) {
        alerts.put(event.alertId(), VisitAlert.raised(event));
    }

    @EventSourcingHandler
    void on(AlertAcknowledged event) {
        alerts.computeIfPresent(event.alertId(), (id, alert) -> alert.acknowledged(event.note()));
    }

    @EventSourcingHandler
    void on(AlertResolved event) {
        alerts.computeIfPresent(event.alertId(), (id, alert) -> alert.resolved(event.outcome(), event.note()));
    }

    @EventSourcingHandler
    void on(AlertEscalated event) {
        alerts.computeIfPresent(event.alertId(), (id, alert) -> alert.escalatedAs(event.escalationAlertId()));
    }
}
