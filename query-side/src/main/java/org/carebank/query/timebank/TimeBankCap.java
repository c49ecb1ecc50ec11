package org.carebank.query.timebank;

import org.carebank.kernel.timebank.TimeBankDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The time bank cap the command side enforces (domain rule 6), read here to show each bank's headroom under it: the
 * same key and the same default as the command side's {@code TimeBankRules} (ADR 0013).
 *
 * @param capMinutes the most a client's time bank may hold
 */
@ConfigurationProperties("carebank.time-bank")
record TimeBankCap(@DefaultValue(TimeBankDefaults.CAP_MINUTES) int capMinutes) {}
