package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The worker leaves the provider on {@code leftOn}: no visit of theirs may be planned on or after that date. */
public record RecordWorkerLeaving(String providerId, String workerId, LocalDate leftOn, LeavingReason reason) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
