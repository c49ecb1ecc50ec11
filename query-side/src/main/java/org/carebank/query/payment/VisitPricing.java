package org.carebank.query.payment;

import java.util.Optional;
import org.carebank.kernel.payment.StatementLine;
import org.springframework.stereotype.Component;

/** A delivered visit's billing as statements price it, for the visit view (one rule, one place: StatementDraft). */
@Component
public class VisitPricing {

    private final PaymentQueries queries;

    VisitPricing(PaymentQueries queries) {
        this.queries = queries;
    }

    public Optional<StatementLine> of(String visitId) {
        return queries.pricedVisit(visitId);
    }
}
