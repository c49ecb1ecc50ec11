package org.carebank.kernel.payment;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The council accepted the visit's exceptions: it is payable on its delivered figures. */
@Revision("1")
public record VisitExceptionsAccepted(
        String visitId, String providerId, List<VisitException> exceptions, String note, Instant acceptedAt) {}
