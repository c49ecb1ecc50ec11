package org.carebank.kernel.payment;

/** Why a delivered visit is not payable now. AMENDMENT_PENDING is for visit maintenance (an open amendment). */
public enum HoldReason {
    EXCEPTION,
    AMENDMENT_PENDING
}
