package org.carebank.kernel.audit;

/**
 * The audit feed's position of an event (1, 2, 3... in commit order), which {@code Carebank-Position} carries from a
 * command's answer to a query (ADR 0020). With the hash chain it is the event's chain position; without it (Axon
 * Server, whose global index has no gaps) it is the global index plus one. Both sides convert through here.
 */
public final class FeedPosition {

    /** The HTTP header of a command's answer and of a query that wants to read what it wrote. */
    public static final String HEADER = "Carebank-Position";

    private FeedPosition() {}

    /** Axon Server's global index 0, 1, 2... as feed positions 1, 2, 3...; an empty store (-1) is position 0. */
    public static long ofGlobalIndex(long globalIndex) {
        return Math.max(0, globalIndex + 1);
    }

    /** The global index of the event at a feed position of Axon Server's store. */
    public static long globalIndexOf(long position) {
        return position - 1;
    }
}
