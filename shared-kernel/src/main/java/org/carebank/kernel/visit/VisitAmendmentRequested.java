package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A correction of a visit's record was asked for. {@code before} is what the visit's record says now (the original
 * ECM times stay in the history), {@code after} what the amendment asks for. {@code requestedBy} is the principal
 * that asked: the council member who decides it must be another one (four eyes).
 */
@Revision("1")
public record VisitAmendmentRequested(
        String visitId,
        String amendmentId,
        String providerId,
        String clientRef,
        String workerId,
        Instant plannedStart,
        VisitStatus statusBefore,
        VisitTimes before,
        VisitTimes after,
        AmendmentReason reasonCode,
        String note,
        String requestedBy,
        Instant requestedAt) {}
