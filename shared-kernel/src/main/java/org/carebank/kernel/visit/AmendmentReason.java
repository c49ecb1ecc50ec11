package org.carebank.kernel.visit;

/** Why a provider corrects a visit's record: the reason codes of the contract (visit maintenance). */
public enum AmendmentReason {
    WORKER_DID_NOT_CHECK_IN,
    WORKER_DID_NOT_CHECK_OUT,
    DEVICE_OR_SIGNAL_FAILURE,
    CLIENT_PHONE_UNAVAILABLE,
    WRONG_TIME_RECORDED,
    VISIT_NOT_DELIVERED,
    /** Needs a note saying what happened. */
    OTHER
}
