package org.carebank.kernel.visit;

/**
 * Which recorded times count as verified electronically: both ends by a method the worker cannot type in
 * (APP_GPS or TELEPHONY). One rule for the command side and every view (visit verification, ECM compliance rate).
 */
public final class EcmVerification {

    private EcmVerification() {}

    public static boolean electronic(EcmMethod method) {
        return method == EcmMethod.APP_GPS || method == EcmMethod.TELEPHONY;
    }

    public static boolean bothEndsElectronic(EcmMethod checkIn, EcmMethod checkOut) {
        return checkIn != null && checkOut != null && electronic(checkIn) && electronic(checkOut);
    }
}
