package org.carebank.command.timebank;

import java.time.Duration;
import org.carebank.kernel.timebank.TimeBankDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The time bank rules of the domain brief (rules 5 to 7), each a setting with the brief's default: a cap of 600
 * minutes, lots that expire 12 weeks after they were banked, and deposits within 7 days of the visit.
 */
@ConfigurationProperties("carebank.time-bank")
public record TimeBankRules(
        @DefaultValue(TimeBankDefaults.CAP_MINUTES) int capMinutes,
        @DefaultValue("84d") Duration lotLifetime,
        @DefaultValue("7d") Duration bankingWindow) {

    public static TimeBankRules defaults() {
        return new Binder().bindOrCreate("carebank.time-bank", TimeBankRules.class);
    }
}
