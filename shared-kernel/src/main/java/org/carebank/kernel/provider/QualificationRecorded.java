package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The worker achieved a qualification on {@code achievedOn}; it lapses on {@code expiresOn} when that is set. */
@Revision("1")
public record QualificationRecorded(
        String providerId,
        String workerId,
        String qualificationId,
        QualificationKind kind,
        LocalDate achievedOn,
        LocalDate expiresOn) {}
