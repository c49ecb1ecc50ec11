package org.carebank.query.travel;

import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.visit.Location;

/** Distance and travel time between two visits' locations, estimated from the {@link TravelSettings}. */
final class TravelEstimate {

    /** Mean radius of the Earth (IUGG), in metres. */
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private final TravelSettings settings;

    TravelEstimate(TravelSettings settings) {
        this.settings = settings;
    }

    /** Great-circle (haversine) distance: exact enough for the few kilometres between two home visits. */
    static double straightLineMetres(Location from, Location to) {
        double lat1 = Math.toRadians(from.lat());
        double lat2 = Math.toRadians(to.lat());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(to.lon() - from.lon());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /** The distance travelled by road or path: straight line times the detour factor, whole metres. */
    int routeMetres(Location from, Location to) {
        return (int) Math.round(straightLineMetres(from, to) * settings.detourFactor());
    }

    /** Travel time at the mode's average speed, whole minutes (rounded to the nearest). */
    int minutes(Location from, Location to, TravelMode mode) {
        double kilometres = straightLineMetres(from, to) * settings.detourFactor() / 1000.0;
        return (int) Math.round(kilometres / settings.speedsKmPerHour().of(mode) * 60.0);
    }
}
