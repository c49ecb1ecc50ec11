package org.carebank.kernel.carepackage;

public enum DeclineReason {
    NO_CAPACITY,
    NO_COVERAGE,
    OTHER
}
