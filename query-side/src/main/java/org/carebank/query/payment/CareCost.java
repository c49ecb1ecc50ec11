package org.carebank.query.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.carebank.kernel.payment.StatementLine;

/**
 * What a provider's delivered care in a period costs the council, priced as statements price it (rate and rule in
 * force on each visit's date): {@code billedPence} for {@code contactMinutes} delivered; {@code costPerContactHourPence}
 * is what an hour of contact actually cost, beside {@code commissionedRatePence}, the rates in force weighted by the
 * minutes delivered at each (a rounding rule or a minimum makes the first exceed the second). Nulls without contact.
 */
public record CareCost(
        int visits,
        long contactMinutes,
        long billableMinutes,
        long billedPence,
        BigDecimal costPerContactHourPence,
        BigDecimal commissionedRatePence) {

    public static final CareCost NONE = new CareCost(0, 0, 0, 0, null, null);

    static CareCost of(List<StatementLine> priced) {
        long contact =
                priced.stream().mapToLong(StatementLine::deliveredMinutes).sum();
        long billable =
                priced.stream().mapToLong(StatementLine::billableMinutes).sum();
        long pence = priced.stream().mapToLong(StatementLine::amountPence).sum();
        long rateMinutes = priced.stream()
                .mapToLong(line -> (long) line.hourlyRatePence() * line.deliveredMinutes())
                .sum();
        return new CareCost(
                priced.size(),
                contact,
                billable,
                pence,
                contact == 0 ? null : perHour(pence * 60, contact),
                contact == 0 ? null : perHour(rateMinutes, contact));
    }

    private static BigDecimal perHour(long numerator, long minutes) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(minutes), 2, RoundingMode.HALF_UP);
    }
}
