package org.carebank.command.lookup;

import java.time.Instant;

/** What a deposit needs to know about the visit it banks, from the command-side lookup. */
public record BankableVisit(
        String visitId,
        String clientRef,
        String providerId,
        boolean delivered,
        boolean endedEarlyAtClientRequest,
        int unusedMinutes,
        Instant endedAt,
        boolean timeBanking) {}
