package org.carebank.kernel.provider;

/** Why a worker left the provider: turnover is counted whatever the reason, the reason explains it. */
public enum LeavingReason {
    RESIGNED,
    DISMISSED,
    RETIRED,
    OTHER
}
