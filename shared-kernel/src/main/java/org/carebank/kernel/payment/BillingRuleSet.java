package org.carebank.kernel.payment;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A provider's billing rule from a date; a later rule from the same date replaces it. */
@Revision("1")
public record BillingRuleSet(String providerId, BillingTerms terms, LocalDate effectiveFrom) {}
