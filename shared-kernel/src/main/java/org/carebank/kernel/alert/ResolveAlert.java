package org.carebank.kernel.alert;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** Handled by the alert's visit (ADR 0017); {@code visitId} is read from the alert id by the API. */
public record ResolveAlert(String alertId, String visitId, AlertOutcome outcome, String note, Instant requestedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.visit(visitId);
    }
}
