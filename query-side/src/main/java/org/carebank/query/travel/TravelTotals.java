package org.carebank.query.travel;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.carebank.query.web.Rates;

/**
 * The travel totals of a worker, a provider or a zone over some days. Visits and contact minutes are delivered
 * visits; the leg figures count delivered legs only (both ends delivered).
 *
 * @param deliveredLegs legs between two delivered visits
 * @param plannedTravelMinutes planned travel of those legs where known (roster or estimate)
 * @param actualTravelMinutes next check-in minus previous check-out, summed: the whole gaps, travel plus waiting
 * @param travelMinutes the travel part of those gaps (see {@link WorkerDayLegs#travelPartOf})
 * @param waitingMinutes the rest of the gaps: waiting in the rota
 * @param travelMinutesPerContactHour travel (not waiting) per hour of contact time; null without contact time
 * @param rushedTransitions legs whose planned gap was shorter than their planned travel
 * @param distanceMetres estimated route distance of the legs where both locations are known
 * @param legsWithDistance how many legs that distance covers
 */
record TravelTotals(
        int visits,
        long contactMinutes,
        int deliveredLegs,
        long plannedTravelMinutes,
        long actualTravelMinutes,
        long travelMinutes,
        long waitingMinutes,
        BigDecimal travelMinutesPerContactHour,
        int rushedTransitions,
        long distanceMetres,
        int legsWithDistance) {

    static final TravelTotals NONE = of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static final List<String> CSV_COLUMNS = List.of(
            "visits",
            "contactMinutes",
            "deliveredLegs",
            "plannedTravelMinutes",
            "actualTravelMinutes",
            "travelMinutes",
            "waitingMinutes",
            "travelMinutesPerContactHour",
            "rushedTransitions",
            "distanceMetres",
            "legsWithDistance");

    static TravelTotals of(
            int visits,
            long contactMinutes,
            int deliveredLegs,
            long plannedTravelMinutes,
            long actualTravelMinutes,
            long travelMinutes,
            long waitingMinutes,
            int rushedTransitions,
            long distanceMetres,
            int legsWithDistance) {
        return new TravelTotals(
                visits,
                contactMinutes,
                deliveredLegs,
                plannedTravelMinutes,
                actualTravelMinutes,
                travelMinutes,
                waitingMinutes,
                Rates.perHour(travelMinutes, contactMinutes),
                rushedTransitions,
                distanceMetres,
                legsWithDistance);
    }

    TravelTotals plus(TravelTotals other) {
        return of(
                visits + other.visits,
                contactMinutes + other.contactMinutes,
                deliveredLegs + other.deliveredLegs,
                plannedTravelMinutes + other.plannedTravelMinutes,
                actualTravelMinutes + other.actualTravelMinutes,
                travelMinutes + other.travelMinutes,
                waitingMinutes + other.waitingMinutes,
                rushedTransitions + other.rushedTransitions,
                distanceMetres + other.distanceMetres,
                legsWithDistance + other.legsWithDistance);
    }

    List<Object> csvValues() {
        return Arrays.asList(
                visits,
                contactMinutes,
                deliveredLegs,
                plannedTravelMinutes,
                actualTravelMinutes,
                travelMinutes,
                waitingMinutes,
                travelMinutesPerContactHour,
                rushedTransitions,
                distanceMetres,
                legsWithDistance);
    }
}
