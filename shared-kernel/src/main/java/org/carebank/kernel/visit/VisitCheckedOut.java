package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The ECM check-out itself; the figures that follow from it are in the {@link VisitDelivered} beside it. */
@Revision("1")
public record VisitCheckedOut(String visitId, Instant at, EcmMethod method, String reason) {}
