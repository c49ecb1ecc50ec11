package org.carebank.query.visit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.visit.VisitQueryController.VisitView;

/**
 * The visit view folded from the visit's own events, for answers as of a past instant. It follows {@link
 * VisitProjection} rule for rule; a test compares the two over every visit in the store, so they cannot drift apart.
 */
final class VisitFold {

    private VisitFold() {}

    static Optional<VisitView> fold(List<? extends EventMessage<?>> events) {
        State state = null;
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof VisitScheduled scheduled) {
                state = new State(scheduled);
            } else if (state != null) {
                state.apply(payload);
            }
        }
        return Optional.ofNullable(state).map(State::view);
    }

    private static final class State {
        final String visitId;
        final String packageId;
        final String clientRef;
        final String providerId;
        final String zone;
        final boolean timeCritical;
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

        State(VisitScheduled event) {
            var plan = event.plan();
            visitId = event.visitId();
            packageId = plan.packageId();
            clientRef = event.clientRef();
            providerId = event.providerId();
            zone = event.zone();
            timeCritical = plan.timeCritical();
            workerId = plan.workerId();
            plannedStart = plan.plannedStart();
            plannedMinutes = plan.plannedMinutes();
            hourlyRatePence = event.hourlyRatePence();
        }

        void apply(Object payload) {
            if (payload instanceof VisitRescheduled event) {
                plannedStart = event.plannedStart();
                plannedMinutes = event.plannedMinutes();
            } else if (payload instanceof VisitReassigned event) {
                workerId = event.workerId();
            } else if (payload instanceof VisitCancelled event) {
                status = VisitStatus.CANCELLED;
                cancelledBy = event.initiatedBy().name();
                cancellationReason = event.reason();
                cancelledAt = event.cancelledAt();
                noticeMinutes = event.noticeMinutes();
            } else if (payload instanceof VisitMissed) {
                status = VisitStatus.MISSED;
                missedAlerted = true;
            } else if (payload instanceof VisitCheckedIn event) {
                status = VisitStatus.IN_PROGRESS;
                checkedInAt = event.at();
                late = event.late();
            } else if (payload instanceof VisitCheckedOut event) {
                checkedOutAt = event.at();
            } else if (payload instanceof VisitDelivered event) {
                var billing = event.billing();
                status = VisitStatus.DELIVERED;
                late = event.late();
                deliveredMinutes = event.deliveredMinutes();
                shortVisit = event.shortVisit();
                unusedMinutes = event.unusedMinutes();
                billableMinutes = billing.billableMinutes();
                billablePence = billing.billablePence();
                billingRule = billing.rule();
                hourlyRatePence = billing.hourlyRatePence();
            }
        }

        VisitView view() {
            return new VisitView(
                    visitId,
                    packageId,
                    clientRef,
                    providerId,
                    zone,
                    workerId,
                    stored(plannedStart),
                    plannedMinutes,
                    timeCritical,
                    status,
                    late,
                    missedAlerted,
                    stored(checkedInAt),
                    stored(checkedOutAt),
                    deliveredMinutes,
                    shortVisit,
                    unusedMinutes,
                    billableMinutes,
                    billablePence,
                    billingRule,
                    hourlyRatePence,
                    cancelledBy,
                    cancellationReason,
                    stored(cancelledAt),
                    noticeMinutes);
        }

        /**
         * The view's table keeps microseconds, and the JDBC driver rounds (not truncates) the nanoseconds of a clock
         * reading to them; the folded view does the same, so both say the same instant.
         */
        private static Instant stored(Instant instant) {
            return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        }
    }
}
