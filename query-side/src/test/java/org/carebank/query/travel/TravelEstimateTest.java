package org.carebank.query.travel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.visit.Location;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TravelEstimateTest {

    private final TravelEstimate estimate = new TravelEstimate(TravelSettings.defaults());

    @Test
    @DisplayName("straight-line distance is the great-circle distance")
    void straightLine() {
        // Along a meridian: 6,371,008.8 m × π/180 = 111,195.08 m per degree of latitude.
        assertThat(TravelEstimate.straightLineMetres(new Location(51.50, -0.1), new Location(51.51, -0.1)))
                .isCloseTo(1111.95, within(0.01));
        // London to Manchester, about 262 km as the crow flies.
        assertThat(TravelEstimate.straightLineMetres(new Location(51.5074, -0.1278), new Location(53.4808, -2.2426)))
                .isCloseTo(262_000, within(1_500.0));
    }

    @Test
    @DisplayName("route distance and time: straight line × 1.3, at the mode's speed, rounded")
    void routeAndTime() {
        var from = new Location(51.50, -0.1);
        var to = new Location(51.52, -0.1);
        // 2,223.90 m × 1.3 = 2,891.07 m
        assertThat(estimate.routeMetres(from, to)).isEqualTo(2891);
        // 2.891 km at 4.8 km/h = 36.1 min; 14 km/h = 12.4; 30 km/h = 5.8; public transport 14 km/h = 12.4
        assertThat(estimate.minutes(from, to, TravelMode.WALK)).isEqualTo(36);
        assertThat(estimate.minutes(from, to, TravelMode.CYCLE)).isEqualTo(12);
        assertThat(estimate.minutes(from, to, TravelMode.CAR)).isEqualTo(6);
        assertThat(estimate.minutes(from, to, TravelMode.PUBLIC_TRANSPORT)).isEqualTo(12);
        assertThat(estimate.minutes(from, from, TravelMode.WALK)).isZero();
    }
}
