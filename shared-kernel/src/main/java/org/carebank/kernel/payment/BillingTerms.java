package org.carebank.kernel.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;

/**
 * A billing rule with its parameters: the one computation from delivered minutes and an hourly rate to billable
 * minutes and pence, used by the command side (statement lines, delivery figures) and the query side (preview), so the
 * two can never disagree. ACTUAL bills every delivered minute; ROUNDED bills whole units of {@code unitMinutes}, a part
 * unit counting only when it is more than {@code toleranceMinutes} (15-minute units, 7 tolerance: 37 -> 30, 38 -> 45).
 * {@code minimumMinutes} (0: none) raises any shorter delivered visit to that minimum, after rounding.
 */
public record BillingTerms(BillingRule rule, int unitMinutes, int toleranceMinutes, int minimumMinutes) {

    public static final BillingTerms ACTUAL = new BillingTerms(BillingRule.ACTUAL, 0, 0, 0);

    public BillingTerms {
        if (rule == BillingRule.ROUNDED && unitMinutes <= 0) {
            throw new IllegalArgumentException("A ROUNDED rule needs a unit of at least one minute");
        }
        if (unitMinutes < 0 || toleranceMinutes < 0 || minimumMinutes < 0) {
            throw new IllegalArgumentException("Billing minutes cannot be negative");
        }
        if (rule == BillingRule.ACTUAL) {
            unitMinutes = 0;
            toleranceMinutes = 0;
        }
    }

    public int billableMinutes(int deliveredMinutes) {
        int billable = deliveredMinutes;
        if (rule == BillingRule.ROUNDED) {
            int wholeUnits = deliveredMinutes / unitMinutes;
            int rest = deliveredMinutes % unitMinutes;
            billable = (wholeUnits + (rest > toleranceMinutes ? 1 : 0)) * unitMinutes;
        }
        return deliveredMinutes > 0 ? Math.max(billable, minimumMinutes) : billable;
    }

    public Billing bill(int deliveredMinutes, int hourlyRatePence) {
        int billable = billableMinutes(deliveredMinutes);
        return new Billing(
                rule, unitMinutes, toleranceMinutes, hourlyRatePence, billable, pence(billable, hourlyRatePence));
    }

    /** Minutes at an hourly rate, to the penny, half up. */
    public static long pence(int minutes, int hourlyRatePence) {
        return BigDecimal.valueOf((long) minutes * hourlyRatePence)
                .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
