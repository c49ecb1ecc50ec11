package org.carebank.kernel.visit;

/** How an electronic call monitoring time was captured. MANUAL entries need a reason. */
public enum EcmMethod {
    APP_GPS,
    TELEPHONY,
    MANUAL
}
