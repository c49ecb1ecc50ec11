package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The council refused an amendment: nothing about the visit changes, the amendment is closed. */
@Revision("1")
public record VisitAmendmentRejected(
        String visitId, String amendmentId, String providerId, String reason, String decidedBy, Instant decidedAt) {}
