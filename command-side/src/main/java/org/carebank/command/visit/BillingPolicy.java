package org.carebank.command.visit;

import org.carebank.kernel.payment.BillingTerms;
import org.carebank.kernel.payment.PaymentDefaults;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The deployment's default billing rule: a provider without a billing rule of its own (or before its first one) is
 * billed by it. ACTUAL (the default) bills every delivered minute; ROUNDED bills whole units of {@code unitMinutes},
 * a part unit counting only when it is more than {@code toleranceMinutes}; {@code minimumMinutes} (0: none) is the
 * least a delivered visit is billed. The arithmetic is the kernel's {@link BillingTerms}, shared with the query side.
 */
@ConfigurationProperties("carebank.billing")
public record BillingPolicy(
        @DefaultValue(PaymentDefaults.BILLING_RULE) BillingRule rule,
        @DefaultValue(PaymentDefaults.UNIT_MINUTES) int unitMinutes,
        @DefaultValue(PaymentDefaults.TOLERANCE_MINUTES) int toleranceMinutes,
        @DefaultValue(PaymentDefaults.MINIMUM_MINUTES) int minimumMinutes) {

    public static BillingPolicy actual() {
        return new BillingPolicy(BillingRule.ACTUAL, 15, 7, 0);
    }

    public BillingTerms terms() {
        return new BillingTerms(rule, unitMinutes, toleranceMinutes, minimumMinutes);
    }

    Billing bill(int deliveredMinutes, int hourlyRatePence) {
        return terms().bill(deliveredMinutes, hourlyRatePence);
    }
}
