package org.carebank.kernel.timebank;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A council adjustment. A credit opens a lot of its own ({@code lotId}, {@code expiresAt}) that expires like a deposit;
 * a debit is spent from the oldest lots first ({@code spentFrom}).
 */
@Revision("1")
public record TimeBankAdjusted(
        String clientRef,
        String adjustmentId,
        int minutes,
        String reason,
        Instant adjustedAt,
        String lotId,
        Instant expiresAt,
        List<LotSpend> spentFrom,
        int balanceAfter) {}
