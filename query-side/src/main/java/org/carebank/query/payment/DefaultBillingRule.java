package org.carebank.query.payment;

import org.carebank.kernel.payment.BillingTerms;
import org.carebank.kernel.payment.PaymentDefaults;
import org.carebank.kernel.visit.BillingRule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's default billing rule ({@code carebank.billing}, the setting the command side's {@code
 * BillingPolicy} reads), for the statement preview of a provider without a rule of its own. Set it the same on both
 * sides when they run as separate services.
 */
@ConfigurationProperties("carebank.billing")
record DefaultBillingRule(
        @DefaultValue(PaymentDefaults.BILLING_RULE) BillingRule rule,
        @DefaultValue(PaymentDefaults.UNIT_MINUTES) int unitMinutes,
        @DefaultValue(PaymentDefaults.TOLERANCE_MINUTES) int toleranceMinutes,
        @DefaultValue(PaymentDefaults.MINIMUM_MINUTES) int minimumMinutes) {

    BillingTerms terms() {
        return new BillingTerms(rule, unitMinutes, toleranceMinutes, minimumMinutes);
    }
}
