package org.carebank.kernel.payment;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.carebank.kernel.StreamIds;

/** The council issues a provider's payment statement for a period (both dates included). */
public record IssueStatement(
        String providerId, String statementId, LocalDate periodFrom, LocalDate periodTo, Instant issuedAt) {

    @TargetAggregateIdentifier
    public String streamId() {
        return StreamIds.statements(providerId);
    }
}
