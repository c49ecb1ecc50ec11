package org.carebank.query.visit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.payment.DeliveryVerified;
import org.carebank.kernel.payment.Verification;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.payment.VisitExceptionsAccepted;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.web.Sql;

/**
 * The visit view's rules, once: what each event of a visit makes of its view. The live projection applies them to the
 * rows a batch touches, an answer as of a past instant folds the visit's history with them.
 */
final class VisitFold {

    private VisitFold() {}

    /** The visit a payload is about, or null when it is not a visit event this view follows. */
    static String visitIdOf(Object payload) {
        if (payload instanceof VisitScheduled event) {
            return event.visitId();
        } else if (payload instanceof VisitRescheduled event) {
            return event.visitId();
        } else if (payload instanceof VisitReassigned event) {
            return event.visitId();
        } else if (payload instanceof VisitCancelled event) {
            return event.visitId();
        } else if (payload instanceof VisitMissed event) {
            return event.visitId();
        } else if (payload instanceof VisitCheckedIn event) {
            return event.visitId();
        } else if (payload instanceof VisitCheckedOut event) {
            return event.visitId();
        } else if (payload instanceof VisitDelivered event) {
            return event.visitId();
        } else if (payload instanceof VisitAmendmentRequested event) {
            return event.visitId();
        } else if (payload instanceof VisitAmendmentApproved event) {
            return event.visitId();
        } else if (payload instanceof VisitAmendmentRejected event) {
            return event.visitId();
        } else if (payload instanceof DeliveryVerified event) {
            return event.visitId();
        } else if (payload instanceof VisitExceptionsAccepted event) {
            return event.visitId();
        }
        return null;
    }

    /** The visit as its events up to now leave it, or empty before it was scheduled. */
    static Optional<VisitView> fold(List<? extends EventMessage<?>> events) {
        VisitView view = null;
        for (EventMessage<?> event : events) {
            view = apply(view, event.getPayload());
        }
        return Optional.ofNullable(view);
    }

    /**
     * What {@code event} makes of {@code view} (null before the visit was scheduled); the same view when the event
     * changes nothing. Only scheduling makes a view, and a visit is scheduled once: a repeated scheduling changes
     * nothing.
     */
    static VisitView apply(VisitView view, Object event) {
        if (event instanceof VisitScheduled scheduled) {
            return view == null ? scheduled(scheduled) : view;
        }
        if (view == null || visitIdOf(event) == null) {
            return view;
        }
        var next = new Draft(view);
        if (event instanceof VisitRescheduled rescheduled) {
            next.plannedStart = rescheduled.plannedStart();
            next.plannedMinutes = rescheduled.plannedMinutes();
        } else if (event instanceof VisitReassigned reassigned) {
            next.workerId = reassigned.workerId();
        } else if (event instanceof VisitCancelled cancelled) {
            next.status = VisitStatus.CANCELLED;
            next.cancelledBy = cancelled.initiatedBy().name();
            next.cancellationReason = cancelled.reason();
            next.cancelledAt = cancelled.cancelledAt();
            next.noticeMinutes = cancelled.noticeMinutes();
        } else if (event instanceof VisitMissed) {
            // The alert stays in the visit's history when a late check-in follows (domain: "Missed").
            next.status = VisitStatus.MISSED;
            next.missedAlerted = true;
        } else if (event instanceof VisitCheckedIn checkedIn) {
            next.status = VisitStatus.IN_PROGRESS;
            next.checkedInAt = checkedIn.at();
            next.late = checkedIn.late();
        } else if (event instanceof VisitCheckedOut checkedOut) {
            next.checkedOutAt = checkedOut.at();
        } else if (event instanceof VisitDelivered delivered) {
            next.status = VisitStatus.DELIVERED;
            delivery(
                    next,
                    delivered.late(),
                    delivered.deliveredMinutes(),
                    delivered.shortVisit(),
                    delivered.unusedMinutes(),
                    delivered.billing());
            // Until its DeliveryVerified (recorded with it since wave 2; none in older histories) a delivery counts
            // as verified, as payments count it (ADR 0015).
            next.verification = Verification.VERIFIED;
        } else if (event instanceof VisitAmendmentRequested requested) {
            next.amendment = new VisitView.AmendmentSummary(
                    requested.amendmentId(),
                    AmendmentStatus.PENDING,
                    requested.reasonCode(),
                    requested.requestedAt(),
                    null);
        } else if (event instanceof VisitAmendmentApproved approved) {
            approve(next, approved);
        } else if (event instanceof VisitAmendmentRejected rejected) {
            next.amendment =
                    decided(next.amendment, rejected.amendmentId(), AmendmentStatus.REJECTED, rejected.decidedAt());
        } else if (event instanceof DeliveryVerified verified) {
            next.verification = Verification.of(verified.exceptions());
            next.exceptions = verified.exceptions();
            next.exceptionsAccepted = false;
        } else if (event instanceof VisitExceptionsAccepted) {
            next.exceptionsAccepted = true;
        }
        return next.view();
    }

    /**
     * The amended delivery becomes the visit's; the ECM times it replaced stay visible as {@code original} (the first
     * amendment's, so a second one never hides what the worker's device recorded).
     */
    private static void approve(Draft next, VisitAmendmentApproved approved) {
        if (next.original == null) {
            next.original = new VisitView.OriginalTimes(next.checkedInAt, next.checkedOutAt);
        }
        next.status = approved.notDelivered() ? VisitStatus.MISSED : VisitStatus.DELIVERED;
        next.checkedInAt = approved.startedAt();
        next.checkedOutAt = approved.endedAt();
        delivery(
                next,
                approved.late(),
                approved.deliveredMinutes(),
                approved.shortVisit(),
                approved.unusedMinutes(),
                approved.billing());
        next.amendment =
                decided(next.amendment, approved.amendmentId(), AmendmentStatus.APPROVED, approved.decidedAt());
        next.verification = Verification.AMENDED; // the record is now the amendment's (Verification, ECM compliance)
    }

    /** The delivery's figures, as recorded at the end of the visit or by an approved amendment. */
    private static void delivery(
            Draft next, boolean late, int deliveredMinutes, boolean shortVisit, int unusedMinutes, Billing billing) {
        next.late = late;
        next.deliveredMinutes = deliveredMinutes;
        next.shortVisit = shortVisit;
        next.unusedMinutes = unusedMinutes;
        next.billableMinutes = billing.billableMinutes();
        next.billablePence = billing.billablePence();
        next.billingRule = billing.rule();
        next.hourlyRatePence = billing.hourlyRatePence();
    }

    private static VisitView.AmendmentSummary decided(
            VisitView.AmendmentSummary latest, String amendmentId, AmendmentStatus status, Instant at) {
        if (latest == null || !latest.amendmentId().equals(amendmentId)) {
            return latest; // only the latest amendment is shown, and it is the one open
        }
        return new VisitView.AmendmentSummary(
                amendmentId, status, latest.reasonCode(), latest.requestedAt(), Sql.stored(at));
    }

    private static VisitView scheduled(VisitScheduled event) {
        var plan = event.plan();
        var draft = new Draft(event.visitId(), plan.packageId(), event.clientRef(), event.providerId(), event.zone());
        draft.timeCritical = plan.timeCritical();
        draft.workerId = plan.workerId();
        draft.plannedStart = plan.plannedStart();
        draft.plannedMinutes = plan.plannedMinutes();
        draft.hourlyRatePence = event.hourlyRatePence();
        return draft.view();
    }

    /** The view being changed by one event; records have no withers. */
    private static final class Draft {
        final String visitId;
        final String packageId;
        final String clientRef;
        final String providerId;
        final String zone;
        boolean timeCritical;
        String workerId;
        Instant plannedStart;
        int plannedMinutes;
        VisitStatus status = VisitStatus.SCHEDULED;
        boolean late;
        boolean missedAlerted;
        Instant checkedInAt;
        Instant checkedOutAt;
        Integer deliveredMinutes;
        boolean shortVisit;
        Integer unusedMinutes;
        Integer billableMinutes;
        Long billablePence;
        BillingRule billingRule;
        int hourlyRatePence;
        String cancelledBy;
        String cancellationReason;
        Instant cancelledAt;
        Long noticeMinutes;
        VisitView.OriginalTimes original;
        VisitView.AmendmentSummary amendment;
        Verification verification;
        List<VisitException> exceptions;
        Boolean exceptionsAccepted;

        Draft(String visitId, String packageId, String clientRef, String providerId, String zone) {
            this.visitId = visitId;
            this.packageId = packageId;
            this.clientRef = clientRef;
            this.providerId = providerId;
            this.zone = zone;
        }

        Draft(VisitView view) {
            this(view.visitId(), view.packageId(), view.clientRef(), view.providerId(), view.zone());
            timeCritical = view.timeCritical();
            workerId = view.workerId();
            plannedStart = view.plannedStart();
            plannedMinutes = view.plannedMinutes();
            status = view.status();
            late = view.late();
            missedAlerted = view.missedAlerted();
            checkedInAt = view.checkedInAt();
            checkedOutAt = view.checkedOutAt();
            deliveredMinutes = view.deliveredMinutes();
            shortVisit = view.shortVisit();
            unusedMinutes = view.unusedMinutes();
            billableMinutes = view.billableMinutes();
            billablePence = view.billablePence();
            billingRule = view.billingRule();
            hourlyRatePence = view.hourlyRatePence();
            cancelledBy = view.cancelledBy();
            cancellationReason = view.cancellationReason();
            cancelledAt = view.cancelledAt();
            noticeMinutes = view.noticeMinutes();
            original = view.original();
            amendment = view.amendment();
            verification = view.verification();
            exceptions = view.exceptions();
            exceptionsAccepted = view.exceptionsAccepted();
        }

        /** Instants as the view's table keeps them, so that a folded view and its stored row say the same. */
        VisitView view() {
            return new VisitView(
                    visitId,
                    packageId,
                    clientRef,
                    providerId,
                    zone,
                    workerId,
                    Sql.stored(plannedStart),
                    plannedMinutes,
                    timeCritical,
                    status,
                    late,
                    missedAlerted,
                    Sql.stored(checkedInAt),
                    Sql.stored(checkedOutAt),
                    deliveredMinutes,
                    shortVisit,
                    unusedMinutes,
                    billableMinutes,
                    billablePence,
                    billingRule,
                    hourlyRatePence,
                    cancelledBy,
                    cancellationReason,
                    Sql.stored(cancelledAt),
                    noticeMinutes,
                    original == null
                            ? null
                            : new VisitView.OriginalTimes(
                                    Sql.stored(original.checkedInAt()), Sql.stored(original.checkedOutAt())),
                    amendment == null
                            ? null
                            : new VisitView.AmendmentSummary(
                                    amendment.amendmentId(),
                                    amendment.status(),
                                    amendment.reasonCode(),
                                    Sql.stored(amendment.requestedAt()),
                                    Sql.stored(amendment.decidedAt())),
                    verification,
                    exceptions,
                    exceptionsAccepted);
        }
    }
}
