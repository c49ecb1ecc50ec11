package org.carebank.query.travel;

import org.carebank.kernel.provider.TravelMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How planned travel is estimated when the roster does not give it: the straight-line distance between the two
 * visits' locations times a detour factor (roads are not straight), at an average door-to-door speed per travel mode.
 * The defaults are round figures for English towns; a council with better figures for its area sets its own.
 */
@ConfigurationProperties("carebank.travel")
record TravelSettings(@DefaultValue("1.3") double detourFactor, @DefaultValue Speeds speedsKmPerHour) {

    record Speeds(
            @DefaultValue("4.8") double walk,
            @DefaultValue("14") double cycle,
            @DefaultValue("30") double car,
            @DefaultValue("14") double publicTransport) {

        double of(TravelMode mode) {
            return switch (mode) {
                case WALK -> walk;
                case CYCLE -> cycle;
                case CAR -> car;
                case PUBLIC_TRANSPORT -> publicTransport;
            };
        }
    }

    TravelSettings {
        if (detourFactor < 1.0) {
            throw new IllegalArgumentException("carebank.travel.detour-factor is at least 1.0, not " + detourFactor);
        }
    }

    static TravelSettings defaults() {
        return new Binder().bindOrCreate("carebank.travel", TravelSettings.class);
    }
}
