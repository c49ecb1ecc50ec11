package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/**
 * One visit of a council's history, brought across from its previous ECM system: the plan, and what happened (checked
 * in and out, or cancelled, or neither). It is recorded by the same rules as a live visit, in one step, and its events
 * carry {@code source: IMPORT} in their metadata. {@code requestedAt} is when the service received the import: a visit
 * whose missed moment is before it gets no missed deadline (it is a fact of the past).
 */
public record ImportVisit(
        String visitId,
        VisitPlan plan,
        Instant checkedInAt,
        Instant checkedOutAt,
        EcmMethod method,
        boolean endedEarlyAtClientRequest,
        Cancellation cancellation,
        Instant requestedAt) {

    /** How the previous system recorded a cancelled visit; null when the visit was not cancelled. */
    public record Cancellation(CancellationInitiator initiatedBy, String reason, Instant cancelledAt) {}

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
