package org.carebank.kernel.visit;

import java.time.Instant;

/**
 * What a roster says about one visit. Two schedule requests with the same plan are the same request, which makes a
 * repeated {@code PUT} safe.
 */
public record VisitPlan(
        String packageId,
        String workerId,
        Instant plannedStart,
        int plannedMinutes,
        boolean timeCritical,
        String shortVisitJustification,
        Location location,
        Integer plannedTravelMinutes) {

    public VisitPlan rescheduled(Instant start, int minutes) {
        return new VisitPlan(
                packageId,
                workerId,
                start,
                minutes,
                timeCritical,
                shortVisitJustification,
                location,
                plannedTravelMinutes);
    }

    public VisitPlan reassigned(String worker) {
        return new VisitPlan(
                packageId,
                worker,
                plannedStart,
                plannedMinutes,
                timeCritical,
                shortVisitJustification,
                location,
                plannedTravelMinutes);
    }

    public Instant plannedEnd() {
        return plannedStart.plusSeconds(plannedMinutes * 60L);
    }
}
