package org.carebank.query.live;

/** A caller asked for one more live stream than it may hold at once (carebank.live.max-streams-per-caller). */
class TooManyStreamsException extends RuntimeException {

    TooManyStreamsException(int limit) {
        super("At most " + limit + " live streams per caller at once; close one first.");
    }
}
