package org.carebank.kernel.alert;

/** How an alert ended, as the contract lists them. {@code WORKER_ARRIVED} is also recorded by the service itself. */
public enum AlertOutcome {
    WORKER_ARRIVED,
    VISIT_REARRANGED,
    CLIENT_SAFE_NOT_VISITED,
    CLIENT_NOT_AT_HOME,
    OTHER
}
