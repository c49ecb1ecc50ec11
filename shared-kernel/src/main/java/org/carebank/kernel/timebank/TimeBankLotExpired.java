package org.carebank.kernel.timebank;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** What was left of a lot at its expiry; {@code expiredAt} is the moment it expired, not when it was noticed. */
@Revision("1")
public record TimeBankLotExpired(String clientRef, String lotId, int minutes, Instant expiredAt, int balanceAfter) {}
