package org.carebank.kernel.visit;

public enum DeliverySource {
    /** Check-in and check-out by electronic call monitoring. */
    ECM,
    /** Delivered minutes recorded by hand, without ECM. */
    RECORDED
}
