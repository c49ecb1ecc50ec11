package org.carebank.kernel.timebank;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A deposit: a new lot of minutes from one visit, spendable until {@code expiresAt}. */
@Revision("1")
public record UnusedTimeBanked(
        String clientRef,
        String lotId,
        String visitId,
        String providerId,
        int minutes,
        String consentBy,
        Instant bankedAt,
        Instant expiresAt,
        int balanceAfter) {}
