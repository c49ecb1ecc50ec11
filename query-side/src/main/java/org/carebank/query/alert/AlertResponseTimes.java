package org.carebank.query.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast a provider answered its alerts over a period (docs/dashboards.md): minutes from raised to the first response
 * by a person (acknowledgement, or a resolution without one) and from raised to resolved, as the 50th and 90th
 * percentiles (nearest rank). An alert the service resolved itself (the worker checked in) counts for resolution, not
 * for acknowledgement. Percentiles are absent when no alert has the time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertResponseTimes(
        int alertsRaised,
        int alertsEscalated,
        int acknowledged,
        Integer acknowledgeP50Minutes,
        Integer acknowledgeP90Minutes,
        int resolved,
        Integer resolveP50Minutes,
        Integer resolveP90Minutes) {

    public static final AlertResponseTimes NONE = new AlertResponseTimes(0, 0, 0, null, null, 0, null, null);

    /** The figures of these alerts (all of one provider, raised in the period). */
    static AlertResponseTimes of(List<AlertView> alerts) {
        var acknowledge = new ArrayList<Long>();
        var resolve = new ArrayList<Long>();
        int escalated = 0;
        for (AlertView alert : alerts) {
            if (alert.escalatedAs() != null) {
                escalated++;
            }
            if (alert.respondedAt() != null) {
                acknowledge.add(minutes(alert, alert.respondedAt()));
            }
            if (alert.resolvedAt() != null) {
                resolve.add(minutes(alert, alert.resolvedAt()));
            }
        }
        return new AlertResponseTimes(
                alerts.size(),
                escalated,
                acknowledge.size(),
                percentile(acknowledge, 50),
                percentile(acknowledge, 90),
                resolve.size(),
                percentile(resolve, 50),
                percentile(resolve, 90));
    }

    private static long minutes(AlertView alert, java.time.Instant at) {
        return Math.max(0, Duration.between(alert.raisedAt(), at).toMinutes());
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static Integer percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        var sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)).intValue();
    }
}
