package org.carebank.query.rebuild;

/** A rebuild asked for while the projection is already being rebuilt, here or by another instance. */
class RebuildInProgressException extends RuntimeException {

    public RebuildInProgressException(String detail) {
        super(detail);
    }
}
