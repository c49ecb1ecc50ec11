package org.carebank.query.visit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.payment.Verification;
import org.carebank.kernel.payment.VisitException;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.VisitStatus;

/**
 * One visit as the query side answers it: its plan, where it stands, and the delivery and billing figures once it
 * ended. {@link VisitFold} makes it from the visit's events, for the live view and for answers as of a past instant.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record VisitView(
        String visitId,
        String packageId,
        String clientRef,
        String providerId,
        String zone,
        String workerId,
        Instant plannedStart,
        int plannedMinutes,
        boolean timeCritical,
        VisitStatus status,
        boolean late,
        boolean missedAlerted,
        Instant checkedInAt,
        Instant checkedOutAt,
        Integer deliveredMinutes,
        @JsonProperty("short") boolean shortVisit,
        Integer unusedMinutes,
        Integer billableMinutes,
        Long billablePence,
        BillingRule billingRule,
        int hourlyRatePence,
        String cancelledBy,
        String cancellationReason,
        Instant cancelledAt,
        Long noticeMinutes,
        OriginalTimes original,
        AmendmentSummary amendment,
        Verification verification,
        List<VisitException> exceptions,
        Boolean exceptionsAccepted) {

    /**
     * The view billed as it will be paid: the rate and rule in force on its date (a new rate, a rate review or a
     * provider's rule recorded after the delivery re-bills it, ADR 0015), not the figures frozen at delivery.
     */
    VisitView billedAs(int minutes, long pence, BillingRule rule, int ratePence) {
        return new VisitView(
                visitId,
                packageId,
                clientRef,
                providerId,
                zone,
                workerId,
                plannedStart,
                plannedMinutes,
                timeCritical,
                status,
                late,
                missedAlerted,
                checkedInAt,
                checkedOutAt,
                deliveredMinutes,
                shortVisit,
                unusedMinutes,
                minutes,
                pence,
                rule,
                ratePence,
                cancelledBy,
                cancellationReason,
                cancelledAt,
                noticeMinutes,
                original,
                amendment,
                verification,
                exceptions,
                exceptionsAccepted);
    }

    /** The ECM times an approved amendment replaced (visit maintenance keeps them in sight); null until one did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OriginalTimes(Instant checkedInAt, Instant checkedOutAt) {}

    /** The visit's latest amendment, whatever its status. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AmendmentSummary(
            String amendmentId,
            AmendmentStatus status,
            AmendmentReason reasonCode,
            Instant requestedAt,
            Instant decidedAt) {}
}
