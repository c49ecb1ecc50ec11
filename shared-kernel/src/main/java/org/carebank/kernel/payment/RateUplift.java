package org.carebank.kernel.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A rate review's arithmetic: the uplifted hourly rate, to the penny, half up (2400 by 6.7% is 2560.8 -> 2561). */
public final class RateUplift {

    private RateUplift() {}

    public static int uplift(int hourlyRatePence, BigDecimal upliftPercent) {
        return BigDecimal.valueOf(hourlyRatePence)
                .multiply(BigDecimal.valueOf(100).add(upliftPercent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
                .intValueExact();
    }
}
