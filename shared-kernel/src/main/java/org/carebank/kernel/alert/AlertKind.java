package org.carebank.kernel.alert;

/** Why an alert was raised: the late threshold passed, the missed threshold passed, or nobody acknowledged in time. */
public enum AlertKind {
    OVERDUE,
    MISSED,
    ESCALATED
}
