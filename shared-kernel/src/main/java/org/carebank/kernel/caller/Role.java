package org.carebank.kernel.caller;

public enum Role {
    COUNCIL,
    PROVIDER,
    AUDITOR,
    ADMIN,
    /** The service itself, for facts it detects (a missed visit). */
    SYSTEM
}
