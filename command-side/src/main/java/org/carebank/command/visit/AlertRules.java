package org.carebank.command.visit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert rules of the domain brief that are not visit thresholds (those are in {@link VisitRules}): how long a
 * time-critical alert may stay open and unacknowledged before it is escalated to the council. Read when the visit's
 * deadlines are set, so a change applies to visits scheduled afterwards.
 */
@ConfigurationProperties("carebank.alerts")
public record AlertRules(@DefaultValue("15m") Duration escalateAfter) {

    /** The defaults above, as a service binds them when nothing is set (ADR 0013). */
    public static AlertRules defaults() {
        return new Binder().bindOrCreate("carebank.alerts", AlertRules.class);
    }

    int escalateAfterMinutes() {
        return (int) escalateAfter.toMinutes();
    }
}
