package org.carebank.query.performance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param shortNoticeHours a provider's cancellation with less notice than this before planned start is at short notice
 * @param repeatedIssueThreshold a worker with at least this many missed or late visits in the period is listed
 */
@ConfigurationProperties("carebank.performance")
record PerformanceSettings(@DefaultValue("24") int shortNoticeHours, @DefaultValue("3") int repeatedIssueThreshold) {

    public static PerformanceSettings defaults() {
        return new Binder().bindOrCreate("carebank.performance", PerformanceSettings.class);
    }
}
