package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An amendment was approved (by a council member other than the requester, or automatically under the auto-approval
 * setting, then {@code automatic} and {@code decidedBy} the service). It carries the visit's new delivery figures,
 * decided as {@link VisitDelivered} decides them, so that every view follows without recomputing a rule:
 * {@code notDelivered} means the visit now counts as not delivered (0 minutes, nothing billed).
 */
@Revision("1")
public record VisitAmendmentApproved(
        String visitId,
        String amendmentId,
        String providerId,
        String clientRef,
        String workerId,
        Instant plannedStart,
        int plannedMinutes,
        Instant startedAt,
        Instant endedAt,
        int deliveredMinutes,
        boolean late,
        boolean shortVisit,
        int unusedMinutes,
        boolean endedEarly,
        boolean notDelivered,
        Billing billing,
        AmendmentReason reasonCode,
        String note,
        String decidedBy,
        boolean automatic,
        Instant decidedAt) {}
