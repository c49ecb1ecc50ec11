package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The worker left the provider on {@code leftOn} (a UK date): the first day they no longer work there. */
@Revision("1")
public record WorkerLeft(String providerId, String workerId, LocalDate leftOn, LeavingReason reason) {}
