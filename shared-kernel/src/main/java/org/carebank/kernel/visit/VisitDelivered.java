package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The visit was delivered: the figures scrutiny and invoicing need, decided once when it ended. {@code unusedMinutes}
 * is planned minus delivered when the client chose to end early, else 0.
 */
@Revision("1")
public record VisitDelivered(
        String visitId,
        String providerId,
        String clientRef,
        String workerId,
        DeliverySource source,
        Instant startedAt,
        Instant endedAt,
        int plannedMinutes,
        int deliveredMinutes,
        boolean late,
        boolean endedEarlyAtClientRequest,
        boolean shortVisit,
        int unusedMinutes,
        String reason,
        Billing billing) {}
