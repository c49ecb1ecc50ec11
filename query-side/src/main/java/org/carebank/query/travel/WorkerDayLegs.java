package org.carebank.query.travel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carebank.kernel.provider.TravelMode;

/**
 * The legs of one worker-day, computed from scratch from the day's visits: nothing here depends on the order the
 * events came in, which is what makes recomputing a whole day on any change correct.
 */
final class WorkerDayLegs {

    private final TravelEstimate estimate;

    WorkerDayLegs(TravelEstimate estimate) {
        this.estimate = estimate;
    }

    /**
     * @param workerId whose day it is
     * @param visits the visits on the worker's day, in any order and state (cancelled and missed ones are skipped)
     * @param rosteredPredecessor for each visit, the visit before it in the roster of the worker it was rostered for
     * @param travelMode the worker's travel mode, or null when unknown
     */
    List<Leg> legs(
            String workerId, List<DayVisit> visits, Map<String, String> rosteredPredecessor, TravelMode travelMode) {
        List<DayVisit> day = visits.stream()
                .filter(DayVisit::partOfTheDay)
                .sorted(Comparator.comparing(DayVisit::orderedAt).thenComparing(DayVisit::visitId))
                .toList();
        var legs = new ArrayList<Leg>();
        for (int i = 1; i < day.size(); i++) {
            legs.add(leg(i, workerId, day.get(i - 1), day.get(i), rosteredPredecessor, travelMode));
        }
        return legs;
    }

    private Leg leg(
            int number,
            String workerId,
            DayVisit from,
            DayVisit to,
            Map<String, String> rosteredPredecessor,
            TravelMode travelMode) {
        boolean delivered = from.delivered() && to.delivered();
        int plannedGap = wholeMinutes(from.plannedEnd(), to.plannedStart());
        Integer distance = bothLocated(from, to) ? estimate.routeMetres(from.location(), to.location()) : null;

        Integer plannedTravel = null;
        var source = PlannedTravelSource.UNKNOWN;
        if (rosterTravelApplies(workerId, from, to, rosteredPredecessor)) {
            plannedTravel = to.rosteredTravelMinutes();
            source = PlannedTravelSource.ROSTER;
        } else if (bothLocated(from, to) && travelMode != null) {
            plannedTravel = estimate.minutes(from.location(), to.location(), travelMode);
            source = PlannedTravelSource.ESTIMATE;
        }
        Integer actual = delivered ? Math.max(0, wholeMinutes(from.endedAt(), to.startedAt())) : null;
        Integer travel = actual == null ? null : travelPartOf(actual, plannedTravel);
        Integer waiting = actual == null ? null : actual - travel;
        boolean rushed = plannedTravel != null && plannedGap < plannedTravel;
        return new Leg(
                number,
                from.visitId(),
                to.visitId(),
                to.providerId(),
                to.zone(),
                delivered,
                plannedGap,
                plannedTravel,
                source,
                actual,
                travel,
                waiting,
                distance,
                rushed);
    }

    /**
     * The roster's travel minutes were measured from the visit before in the roster of the worker it was rostered
     * for. They describe this leg only when the visit is still with that worker and this leg starts from that very
     * visit; after a reassignment, a cancellation, a miss or a change of order they describe another journey.
     */
    private static boolean rosterTravelApplies(
            String workerId, DayVisit from, DayVisit to, Map<String, String> rosteredPredecessor) {
        return to.rosteredTravelMinutes() != null
                && workerId.equals(to.rosteredWorkerId())
                && Objects.equals(rosteredPredecessor.get(to.visitId()), from.visitId());
    }

    /**
     * The part of a delivered gap that was travel (domain "Travel"): the planned travel when the gap holds it, the
     * rest is waiting in the rota. Without planned travel there is nothing to tell the two apart, so the whole gap
     * counts as travel. Both are working time for pay compliance, which reads these two figures and nothing else.
     */
    static int travelPartOf(int gapMinutes, Integer plannedTravelMinutes) {
        return plannedTravelMinutes == null ? gapMinutes : Math.min(gapMinutes, Math.max(0, plannedTravelMinutes));
    }

    private static boolean bothLocated(DayVisit from, DayVisit to) {
        return from.location() != null && to.location() != null;
    }

    private static int wholeMinutes(java.time.Instant from, java.time.Instant to) {
        return (int) Duration.between(from, to).toMinutes();
    }
}
