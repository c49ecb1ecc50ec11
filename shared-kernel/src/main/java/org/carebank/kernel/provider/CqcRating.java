package org.carebank.kernel.provider;

/** A CQC rating, best first. */
public enum CqcRating {
    OUTSTANDING,
    GOOD,
    REQUIRES_IMPROVEMENT,
    INADEQUATE;

    public boolean isAtLeast(CqcRating minimum) {
        return ordinal() <= minimum.ordinal();
    }
}
