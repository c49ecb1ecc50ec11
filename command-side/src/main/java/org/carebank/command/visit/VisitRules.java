package org.carebank.command.visit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The visit rules of the domain brief, each a setting with the brief's default. Thresholds are copied into every
 * {@code VisitScheduled}, so a change of setting never rewrites how an earlier visit was judged.
 */
@ConfigurationProperties("carebank.visits")
public record VisitRules(
        @DefaultValue("30") int minimumPlannedMinutes,
        @DefaultValue("30") int lateAfterMinutes,
        @DefaultValue("15") int lateAfterMinutesTimeCritical,
        @DefaultValue("120") int missedAfterMinutes,
        @DefaultValue("60") int missedAfterMinutesTimeCritical,
        @DefaultValue("85") int shortBelowPercentOfPlanned,
        @DefaultValue("24h") Duration ecmWindow) {

    /** The defaults above, as a service binds them when nothing is set (ADR 0013). */
    public static VisitRules defaults() {
        return new Binder().bindOrCreate("carebank.visits", VisitRules.class);
    }

    int lateAfter(boolean timeCritical) {
        return timeCritical ? lateAfterMinutesTimeCritical : lateAfterMinutes;
    }

    int missedAfter(boolean timeCritical) {
        return timeCritical ? missedAfterMinutesTimeCritical : missedAfterMinutes;
    }

    boolean isShort(int plannedMinutes, int deliveredMinutes, boolean endedEarlyAtClientRequest) {
        return !endedEarlyAtClientRequest
                && deliveredMinutes * 100L < (long) plannedMinutes * shortBelowPercentOfPlanned;
    }
}
