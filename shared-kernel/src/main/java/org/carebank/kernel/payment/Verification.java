package org.carebank.kernel.payment;

import java.util.List;

/**
 * How a delivered visit was recorded: VERIFIED when no exception was found, else EXCEPTION (kept after the council
 * accepts the exceptions: acceptance releases the hold, it does not rewrite how the visit was recorded). AMENDED once
 * an approved amendment replaced the recorded times (visit maintenance): it releases the hold as well.
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
