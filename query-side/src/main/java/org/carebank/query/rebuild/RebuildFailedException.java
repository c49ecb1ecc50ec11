package org.carebank.query.rebuild;

/** A rebuild that could not start (the segments were not handed over, the reset failed); the processor runs on. */
class RebuildFailedException extends RuntimeException {

    public RebuildFailedException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
