package org.carebank.query.pay;

import org.carebank.kernel.provider.ContractType;

/**
 * One worker's pay over a pay reference period, held against the National Living Wage.
 *
 * @param contactMinutes delivered minutes of the worker's visits
 * @param travelMinutes between consecutive visits of a day: the planned travel, or the whole gap when it was shorter
 *     or no planned travel is known (home to the first visit is not working time and is not counted)
 * @param waitingMinutes the rest of the gaps between consecutive visits
 * @param workingMinutes contact + travel + waiting: working time for minimum wage purposes
 * @param paidMinutes the minutes the worker is paid for: contact, plus travel when travel is paid separately
 * @param hourlyPayPence the pay in force on the last day of the period
 * @param payPence each day's paid minutes at the hourly pay in force that day, summed, rounded to the nearest penny
 * @param averageHourlyPayPence pay over working time, per hour, rounded down; null without working time
 * @param belowNationalLivingWage the average falls below the rate in force (compared exactly, before rounding)
 */
record WorkerPay(
        String workerId,
        ContractType contractType,
        int hourlyPayPence,
        int visits,
        long contactMinutes,
        long travelMinutes,
        long waitingMinutes,
        long workingMinutes,
        long paidMinutes,
        long payPence,
        Long averageHourlyPayPence,
        Boolean belowNationalLivingWage) {

    static WorkerPay of(
            String workerId,
            ContractType contractType,
            int hourlyPayPence,
            int visits,
            long contactMinutes,
            long travelMinutes,
            long waitingMinutes,
            boolean travelPaidSeparately,
            Integer nationalLivingWagePence) {
        long paid = contactMinutes + (travelPaidSeparately ? travelMinutes : 0);
        return of(
                workerId,
                contractType,
                hourlyPayPence,
                visits,
                contactMinutes,
                travelMinutes,
                waitingMinutes,
                travelPaidSeparately,
                nationalLivingWagePence,
                paid * hourlyPayPence);
    }

    /** @param paidMinutePence the sum over the days of the paid minutes times the hourly pay in force that day */
    static WorkerPay of(
            String workerId,
            ContractType contractType,
            int hourlyPayPence,
            int visits,
            long contactMinutes,
            long travelMinutes,
            long waitingMinutes,
            boolean travelPaidSeparately,
            Integer nationalLivingWagePence,
            long paidMinutePence) {
        long working = contactMinutes + travelMinutes + waitingMinutes;
        long paid = contactMinutes + (travelPaidSeparately ? travelMinutes : 0);
        long pay = (paidMinutePence + 30) / 60;
        Long average = working == 0 ? null : pay * 60 / working;
        Boolean below = nationalLivingWagePence == null || working == 0
                ? null
                : pay * 60 < (long) nationalLivingWagePence * working;
        return new WorkerPay(
                workerId,
                contractType,
                hourlyPayPence,
                visits,
                contactMinutes,
                travelMinutes,
                waitingMinutes,
                working,
                paid,
                pay,
                average,
                below);
    }
}
