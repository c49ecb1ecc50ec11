package org.carebank.kernel.payment;

/**
 * Defaults of the payment settings both sides read (ADR 0013): the deployment's billing rule ({@code carebank.billing},
 * issuing on the command side, the preview on the query side) and the payment calendar's zone ({@code
 * carebank.payments.time-zone}, a visit's planned date). Strings, as the settings' text would be.
 */
public final class PaymentDefaults {

    public static final String BILLING_RULE = "ACTUAL";
    public static final String UNIT_MINUTES = "15";
    public static final String TOLERANCE_MINUTES = "7";
    public static final String MINIMUM_MINUTES = "0";
    public static final String TIME_ZONE = "Europe/London";

    private PaymentDefaults() {}
}
