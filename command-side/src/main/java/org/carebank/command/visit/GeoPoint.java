package org.carebank.command.visit;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.carebank.kernel.visit.Location;

/** A location as request bodies give it (a visit's address, where a check-in happened). */
record GeoPoint(
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {

    static Location of(GeoPoint point) {
        return point == null ? null : new Location(point.lat(), point.lon());
    }
}
