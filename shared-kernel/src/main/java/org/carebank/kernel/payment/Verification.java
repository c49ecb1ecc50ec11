package org.carebank.kernel.payment;

/** Where a delivered visit stands for payment. AMENDED is set by visit maintenance (amendments). */
public enum Verification {
    VERIFIED,
    EXCEPTION,
    AMENDED
}
