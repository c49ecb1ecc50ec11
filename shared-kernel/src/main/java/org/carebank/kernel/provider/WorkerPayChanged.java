package org.carebank.kernel.provider;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The worker is paid {@code hourlyPayPence} from {@code effectiveFrom} (a date in the UK) until a later change. The pay
 * at registration holds before the first change; pay compliance reads the pay in force in each pay period.
 */
@Revision("1")
public record WorkerPayChanged(String providerId, String workerId, int hourlyPayPence, LocalDate effectiveFrom) {}
