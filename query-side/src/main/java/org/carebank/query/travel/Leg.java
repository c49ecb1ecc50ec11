package org.carebank.query.travel;

/**
 * The move between two consecutive visits of a worker-day.
 *
 * @param delivered both visits were delivered: the leg has an actual travel time and counts in the figures
 * @param plannedGapMinutes next planned start minus previous planned end (negative when the plan overlaps)
 * @param plannedTravelMinutes from the roster or estimated; null when unknown
 * @param actualTravelMinutes next check-in minus previous check-out (0 when they overlap), the whole gap between
 *     the two visits; null until delivered
 * @param travelMinutes the part of that gap spent travelling: the planned travel, or the whole gap when it was
 *     shorter or no planned travel is known; null until delivered
 * @param waitingMinutes the rest of the gap (waiting in the rota); null until delivered
 * @param distanceMetres estimated route distance; null when a location is missing
 * @param rushed the planned gap is shorter than the planned travel
 */
record Leg(
        int number,
        String fromVisitId,
        String toVisitId,
        String providerId,
        String zone,
        boolean delivered,
        int plannedGapMinutes,
        Integer plannedTravelMinutes,
        PlannedTravelSource plannedTravelSource,
        Integer actualTravelMinutes,
        Integer travelMinutes,
        Integer waitingMinutes,
        Integer distanceMetres,
        boolean rushed) {}
