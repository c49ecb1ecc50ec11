package org.carebank.kernel.payment;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What payment needs to know about one delivered visit, as the command-side lookup and the query-side payment view
 * both keep it. {@code drawnMinutes}: time bank draw-downs spent on the visit; {@code amendmentPending}: an open
 * amendment (visit maintenance) holds the visit too.
 */
public record PaymentFacts(
        String visitId,
        String providerId,
        String clientRef,
        String packageId,
        LocalDate plannedDate,
        int plannedMinutes,
        int deliveredMinutes,
        List<VisitException> exceptions,
        boolean exceptionsAccepted,
        int drawnMinutes,
        boolean amendmentPending) {

    public PaymentFacts {
        exceptions = List.copyOf(exceptions);
    }

    /**
     * Time bank rule: minutes delivered over plan are paid as usual, and those a draw-down on this visit covers are
     * recorded as drawn from the client's bank; a draw-down that covers all of them clears DURATION_OVER_PLAN.
     */
    public int drawnFromBankMinutes() {
        return Math.min(drawnMinutes, Math.max(0, deliveredMinutes - plannedMinutes));
    }

    /** The exceptions still holding the visit: none once accepted. */
    public List<VisitException> openExceptions() {
        if (exceptionsAccepted) {
            return List.of();
        }
        boolean overPlanCovered = drawnMinutes >= deliveredMinutes - plannedMinutes;
        return exceptions.stream()
                .filter(e -> !(e == VisitException.DURATION_OVER_PLAN && overPlanCovered))
                .toList();
    }

    public Verification verification() {
        return Verification.of(exceptions);
    }

    public Optional<HoldReason> hold() {
        if (amendmentPending) {
            return Optional.of(HoldReason.AMENDMENT_PENDING);
        }
        return openExceptions().isEmpty() ? Optional.empty() : Optional.of(HoldReason.EXCEPTION);
    }
}
