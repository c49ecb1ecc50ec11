package org.carebank.kernel.visit;

/** Where an amendment stands: open until the council decides it (or the auto-approval setting did). */
public enum AmendmentStatus {
    PENDING,
    APPROVED,
    REJECTED
}
