package org.carebank.kernel.visit;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record VisitReassigned(String visitId, String previousWorkerId, String workerId, Instant plannedStart) {}
