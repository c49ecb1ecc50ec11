package org.carebank.kernel.payment;

import java.time.LocalDate;
import org.carebank.kernel.visit.BillingRule;

/**
 * One line of a payment statement. A first payment of a visit has {@code adjustmentOf} null; an adjustment line names
 * the line it adjusts ({@code <statementId>/<visitId>}) and its minutes and pence are the differences (plus or minus).
 * {@code rateId} and {@code ruleEffectiveFrom} (null: the deployment's default rule) name the facts that priced it.
 */
public record StatementLine(
        String visitId,
        String clientRef,
        String packageId,
        LocalDate date,
        int deliveredMinutes,
        int billableMinutes,
        int hourlyRatePence,
        long amountPence,
        BillingRule rule,
        int unitMinutes,
        int toleranceMinutes,
        int minimumMinutes,
        String rateId,
        LocalDate ruleEffectiveFrom,
        int drawnFromBankMinutes,
        String adjustmentOf) {

    public static String lineRef(String statementId, String visitId) {
        return statementId + "/" + visitId;
    }
}
