package org.carebank.kernel.provider;

/** Where a provider stands on the council's approved list. */
public enum ListStatus {
    ADMITTED,
    SUSPENDED
}
