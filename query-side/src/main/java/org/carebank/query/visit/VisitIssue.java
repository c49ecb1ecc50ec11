package org.carebank.query.visit;

/**
 * What a commissioner drills into from a provider's figures: the visits behind "missed", "late" and "short", as the
 * performance view counts them (docs/dashboards.md): missed and still not delivered; delivered but checked in after
 * the late threshold (a visit delivered after its missed alert is late); delivered below the short threshold.
 */
enum VisitIssue {
    MISSED("status = 'MISSED'"),
    LATE("status = 'DELIVERED' AND late = TRUE"),
    SHORT("status = 'DELIVERED' AND short_visit = TRUE"),
    /** Any of the three. */
    ANY("(status = 'MISSED' OR (status = 'DELIVERED' AND (late = TRUE OR short_visit = TRUE)))");

    /** A constant SQL condition on {@code visit_view}; values never go into it. */
    final String condition;

    VisitIssue(String condition) {
        this.condition = condition;
    }
}
