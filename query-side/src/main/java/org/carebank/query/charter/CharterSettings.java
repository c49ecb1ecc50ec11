package org.carebank.query.charter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a council that signed UNISON's Ethical Care Charter expects of each measure. The charter's own words set some
 * (no 15-minute visits, no rushing between clients, no zero-hours contracts in place of permanent ones); the others
 * are the council's call and default to figures a scrutiny committee can defend.
 */
@ConfigurationProperties("carebank.charter")
record CharterSettings(
        @DefaultValue("0") double visitsPlannedUnder15MinutesMaxPercent,
        @DefaultValue("5") double visitsPlannedUnder30MinutesMaxPercent,
        @DefaultValue("5") double visitsDeliveredShortMaxPercent,
        @DefaultValue("0") double rushedTransitionsPer100VisitsMax,
        @DefaultValue("95") double legsWithTravelRecordedMinPercent,
        @DefaultValue("60") double mainWorkerShareMinPercent,
        @DefaultValue("0") double zeroHoursWorkersMaxPercent,
        @DefaultValue("100") double careCertificateWithin12WeeksMinPercent,
        @DefaultValue("0") double workersWithExpiredQualificationsMaxPercent) {

    static CharterSettings defaults() {
        return new Binder().bindOrCreate("carebank.charter", CharterSettings.class);
    }
}
