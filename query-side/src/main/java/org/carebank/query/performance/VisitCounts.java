package org.carebank.query.performance;

/**
 * What happened to a provider's visits planned in a period (by planned start).
 *
 * @param scheduled every visit planned in the period, whatever became of it
 * @param missed not checked in by the missed threshold and still not delivered
 * @param missedAlerts visits flagged missed, including those delivered late afterwards
 * @param late delivered visits checked in after the late threshold
 * @param shortVisits delivered visits below the short threshold of planned minutes (call clipping)
 * @param cancelledByProviderAtShortNotice cancelled by the provider with less notice than the setting
 * @param plannedMinutes planned minutes of the visits not cancelled
 * @param plannedUnder30 visits not cancelled, planned under 30 minutes
 * @param plannedUnder15 visits not cancelled, planned under 15 minutes
 */
public record VisitCounts(
        int scheduled,
        int delivered,
        int missed,
        int missedAlerts,
        int late,
        int shortVisits,
        int cancelled,
        int cancelledByProvider,
        int cancelledByProviderAtShortNotice,
        long plannedMinutes,
        long deliveredMinutes,
        int plannedUnder30,
        int plannedUnder15) {

    public static final VisitCounts NONE = new VisitCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public int notCancelled() {
        return scheduled - cancelled;
    }

    /** Visits that were due: delivered or missed (cancelled ones were not due, scheduled ones are not yet). */
    public int due() {
        return delivered + missed;
    }

    public int deliveredOnTime() {
        return delivered - late;
    }
}
