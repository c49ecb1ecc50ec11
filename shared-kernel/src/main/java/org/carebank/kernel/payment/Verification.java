package org.carebank.kernel.payment;

import java.util.List;

/**
 * How a delivered visit was recorded: VERIFIED when no exception was found, else EXCEPTION (kept after the council
 * accepts the exceptions: acceptance releases the hold, it does not rewrite how the visit was recorded). AMENDED is for
 * visit maintenance: extend {@link #of} there.
 */
public enum Verification {
    VERIFIED,
    EXCEPTION,
    AMENDED;

    /** The one verification decision, from the exceptions found at delivery. */
    public static Verification of(List<VisitException> exceptions) {
        return exceptions.isEmpty() ? VERIFIED : EXCEPTION;
    }
}
