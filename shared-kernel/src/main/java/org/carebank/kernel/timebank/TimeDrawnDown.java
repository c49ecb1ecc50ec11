package org.carebank.kernel.timebank;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A withdrawal, spent from the oldest lots first ({@code spentFrom} says which). */
@Revision("1")
public record TimeDrawnDown(
        String clientRef,
        String withdrawalId,
        int minutes,
        String purpose,
        String visitId,
        Instant drawnAt,
        List<LotSpend> spentFrom,
        int balanceAfter) {}
