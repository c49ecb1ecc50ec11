package org.carebank.kernel.payment;

/** Why a delivered visit is not verified: each holds it from payment until the council accepts it or it is amended. */
public enum VisitException {
    /** Checked in by hand (method MANUAL), or the delivery was recorded without ECM. */
    MANUAL_CHECK_IN,
    /** Checked out by hand (method MANUAL), or the delivery was recorded without ECM. */
    MANUAL_CHECK_OUT,
    /** Delivered minutes were recorded without an electronic check-out. */
    NO_CHECK_OUT,
    /** Delivered more than the tolerance over plan, and no time bank draw-down on the visit covers the extra. */
    DURATION_OVER_PLAN,
    /** The check-in's location is further from the visit's location than the tolerance. */
    LOCATION_FAR_FROM_CLIENT
}
