package org.carebank.kernel.payment;

import java.time.LocalDate;

/** A provider's billing rule from a date; before its first one, the deployment's default rule applies. */
public record ProviderBillingRule(BillingTerms terms, LocalDate effectiveFrom) {}
