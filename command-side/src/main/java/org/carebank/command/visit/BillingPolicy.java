package org.carebank.command.visit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The council's rule for turning delivered minutes into billable minutes. ACTUAL (the default) bills every delivered
 * minute. ROUNDED bills whole units of {@code unitMinutes}; a part unit counts as a whole one only when it is more than
 * {@code toleranceMinutes} (so 15-minute units with a 7-minute tolerance bill 37 minutes as 30 and 38 as 45).
 */
@ConfigurationProperties("carebank.billing")
public record BillingPolicy(
        @DefaultValue("ACTUAL") BillingRule rule,
        @DefaultValue("15") int unitMinutes,
        @DefaultValue("7") int toleranceMinutes) {

    public static BillingPolicy actual() {
        return new BillingPolicy(BillingRule.ACTUAL, 15, 7);
    }

    Billing bill(int deliveredMinutes, int hourlyRatePence) {
        int billable = deliveredMinutes;
        int unit = 0;
        int tolerance = 0;
        if (rule == BillingRule.ROUNDED) {
            unit = unitMinutes;
            tolerance = toleranceMinutes;
            int wholeUnits = deliveredMinutes / unitMinutes;
            int rest = deliveredMinutes % unitMinutes;
            billable = (wholeUnits + (rest > 0 && rest > toleranceMinutes ? 1 : 0)) * unitMinutes;
        }
        long pence = BigDecimal.valueOf((long) billable * hourlyRatePence)
                .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP)
                .longValueExact();
        return new Billing(rule, unit, tolerance, hourlyRatePence, billable, pence);
    }
}
