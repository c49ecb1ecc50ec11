package org.carebank.kernel.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A payment statement, fixed for good: its lines and totals. {@code visits} counts the distinct visits on its lines;
 * {@code payableMinutes} and {@code payablePence} are the sums of its lines (adjustments included).
 */
@Revision("1")
public record StatementIssued(
        String statementId,
        String providerId,
        LocalDate periodFrom,
        LocalDate periodTo,
        Instant issuedAt,
        int visits,
        long payableMinutes,
        long payablePence,
        List<StatementLine> lines) {}
