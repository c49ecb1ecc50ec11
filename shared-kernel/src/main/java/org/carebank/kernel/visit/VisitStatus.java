package org.carebank.kernel.visit;

public enum VisitStatus {
    SCHEDULED,
    IN_PROGRESS,
    DELIVERED,
    CANCELLED,
    MISSED
}
