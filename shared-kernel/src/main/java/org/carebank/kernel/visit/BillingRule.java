package org.carebank.kernel.visit;

public enum BillingRule {
    /** Every delivered minute is billed. */
    ACTUAL,
    /** Delivered minutes in whole units; a part unit counts when it is more than the tolerance. */
    ROUNDED
}
