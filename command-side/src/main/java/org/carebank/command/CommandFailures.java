package org.carebank.command;

import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.refusal.Refusal;

/**
 * Which failures of a command are refusals, and which refusal each is: the one list for the node that handles a
 * command and the node that sent it. Through Axon Server only a failure's message and its details reach the sender (the
 * exception's class does not), so the handling node answers each of these as a {@code CommandRefusedException} with
 * the refusal as its details ({@link RefusalsOverTheWire}), and the sender reads it back from there (ADR 0007).
 */
public final class CommandFailures {

    /** The refusal type of a lost append race: the only refusal a retry can turn into a success. */
    public static final String CONCURRENT_MODIFICATION = "concurrent-modification";

    private CommandFailures() {}

    /** The refusal this failure stands for, or empty when it is not one (a fault, answered 500). */
    public static Optional<Refusal> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandExecutionException execution) {
                var details = execution.getDetails();
                if (details.isPresent() && details.get() instanceof Refusal refusal) {
                    return Optional.of(refusal);
                }
            }
            if (cause instanceof AggregateNotFoundException notFound) {
                return Optional.of(Refusal.notFound(
                        "unknown-id",
                        "Nothing is recorded under id "
                                + StreamIds.idOf(String.valueOf(notFound.getAggregateIdentifier())) + "."));
            }
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return Optional.of(Refusal.conflict(
                        CONCURRENT_MODIFICATION, "Another command changed the same record at the same moment; retry."));
            }
        }
        return Optional.empty();
    }

    /** A lost race for an aggregate's next sequence number, here or on the node that handled the command. */
    public static boolean isConflict(Throwable failure) {
        return refusal(failure)
                .filter(refusal -> refusal.type().equals(CONCURRENT_MODIFICATION))
                .isPresent();
    }
}
