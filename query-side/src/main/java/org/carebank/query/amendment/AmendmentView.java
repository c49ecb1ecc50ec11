package org.carebank.query.amendment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.VisitStatus;

/**
 * One amendment in the council's queue: what the visit recorded before it and what it asks for, who asked and who
 * decided. {@link AmendmentFold} makes it from the amendment's events.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AmendmentView(
        String amendmentId,
        String visitId,
        String providerId,
        String clientRef,
        String workerId,
        Instant plannedStart,
        AmendmentStatus status,
        AmendmentReason reasonCode,
        String note,
        Side before,
        Side after,
        String requestedBy,
        Instant requestedAt,
        String decidedBy,
        Instant decidedAt,
        String decisionNote,
        boolean automatic) {

    /** One side of the amendment: the visit's status and delivery. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Side(
            VisitStatus status,
            Instant checkedInAt,
            Instant checkedOutAt,
            int deliveredMinutes,
            boolean endedEarlyAtClientRequest,
            boolean notDelivered) {}

    /** The row's key in a batch: an amendment id is unique within its visit. */
    String key() {
        return AmendmentFold.key(visitId, amendmentId);
    }
}
