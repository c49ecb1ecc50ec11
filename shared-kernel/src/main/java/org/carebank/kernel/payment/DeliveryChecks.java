package org.carebank.kernel.payment;

import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.Location;

/**
 * The exceptions a delivery carries, decided once when the visit ends (the Visit aggregate records them in {@link
 * DeliveryVerified}). {@code checkInMethod} and {@code checkOutMethod} are null when the delivery was recorded without
 * ECM; the locations are null when unknown (then no location check is possible).
 */
public record DeliveryChecks(int overPlanToleranceMinutes, int farFromClientMetres) {

    public List<VisitException> exceptions(
            EcmMethod checkInMethod,
            EcmMethod checkOutMethod,
            int plannedMinutes,
            int deliveredMinutes,
            Location visitLocation,
            Location checkInLocation) {
        var found = new ArrayList<VisitException>();
        if (checkInMethod == null || checkInMethod == EcmMethod.MANUAL) {
            found.add(VisitException.MANUAL_CHECK_IN);
        }
        if (checkOutMethod == null) {
            found.add(VisitException.NO_CHECK_OUT);
        } else if (checkOutMethod == EcmMethod.MANUAL) {
            found.add(VisitException.MANUAL_CHECK_OUT);
        }
        if (deliveredMinutes - plannedMinutes > overPlanToleranceMinutes) {
            found.add(VisitException.DURATION_OVER_PLAN);
        }
        if (visitLocation != null
                && checkInLocation != null
                && metresBetween(visitLocation, checkInLocation) > farFromClientMetres) {
            found.add(VisitException.LOCATION_FAR_FROM_CLIENT);
        }
        return List.copyOf(found);
    }

    /** Great-circle distance (haversine), whole metres. */
    static long metresBetween(Location a, Location b) {
        double lat1 = Math.toRadians(a.lat());
        double lat2 = Math.toRadians(b.lat());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
    }
}
