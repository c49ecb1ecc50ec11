package org.carebank.command.visit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Visit maintenance (domain brief, Wave 2): how long after its planned start a visit may still be amended, and the
 * largest change of delivered minutes an amendment may make and be approved without the council (0: never).
 *
 * @param lockPeriod no amendment is accepted later than this after the visit's planned start (the boundary itself
 *     still is)
 * @param autoApproveMaxMinutes an amendment changing delivered minutes by at most this many is approved on arrival;
 *     0 switches auto-approval off
 */
@ConfigurationProperties("carebank.amendments")
public record AmendmentRules(@DefaultValue("90d") Duration lockPeriod, @DefaultValue("0") int autoApproveMaxMinutes) {

    /** The defaults above, as a service binds them when nothing is set (ADR 0013). */
    public static AmendmentRules defaults() {
        return new Binder().bindOrCreate("carebank.amendments", AmendmentRules.class);
    }

    boolean autoApproves(int changeOfDeliveredMinutes) {
        return autoApproveMaxMinutes > 0 && Math.abs(changeOfDeliveredMinutes) <= autoApproveMaxMinutes;
    }
}
