package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** A qualification or training the worker achieved; {@code expiresOn} is null when it does not expire. */
public record RecordQualification(
        String providerId,
        String workerId,
        String qualificationId,
        QualificationKind kind,
        LocalDate achievedOn,
        LocalDate expiresOn) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.provider(providerId);
    }
}
