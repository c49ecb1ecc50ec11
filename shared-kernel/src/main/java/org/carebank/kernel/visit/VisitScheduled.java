package org.carebank.kernel.visit;

import org.axonframework.serialization.Revision;

/**
 * A visit entered the roster. It carries the package facts in force when it was scheduled (client, provider, zone,
 * hourly rate) and the late and missed thresholds that apply to it, so its history explains itself.
 */
@Revision("1")
public record VisitScheduled(
        String visitId,
        VisitPlan plan,
        String clientRef,
        String providerId,
        String zone,
        int hourlyRatePence,
        int lateAfterMinutes,
        int missedAfterMinutes) {}
