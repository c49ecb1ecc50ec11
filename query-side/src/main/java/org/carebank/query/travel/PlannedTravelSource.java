package org.carebank.query.travel;

/** Where a leg's planned travel time came from. */
enum PlannedTravelSource {
    /** The roster's {@code plannedTravelMinutes}, measured from this leg's first visit. */
    ROSTER,
    /** Estimated from the two locations and the worker's travel mode. */
    ESTIMATE,
    /** Neither: the roster gave no travel for this pair and a location is missing. */
    UNKNOWN
}
