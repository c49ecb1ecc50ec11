package org.carebank.kernel.visit;

/**
 * How a delivered visit turns into an invoice line: the rule and rate in force, and the result. {@code unitMinutes}
 * and {@code toleranceMinutes} are 0 under {@link BillingRule#ACTUAL}.
 */
public record Billing(
        BillingRule rule,
        int unitMinutes,
        int toleranceMinutes,
        int hourlyRatePence,
        int billableMinutes,
        long billablePence) {}
