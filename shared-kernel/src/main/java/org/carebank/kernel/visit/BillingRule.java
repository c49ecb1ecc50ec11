package org.carebank.kernel.visit;

public enum BillingRule {
    /** Every delivered minute is billed. */
    ACTUAL,
    /** Delivered minutes in whole units; a part unit counts when it is at least the tolerance. */
    ROUNDED
}
