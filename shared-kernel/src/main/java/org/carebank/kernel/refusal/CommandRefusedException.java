package org.carebank.kernel.refusal;

import org.axonframework.commandhandling.CommandExecutionException;

/** Thrown by a command handler before anything is applied: the command wrote no event. */
public class CommandRefusedException extends CommandExecutionException {

    public CommandRefusedException(Refusal refusal) {
        super(refusal.detail(), null, refusal);
    }

    public Refusal refusal() {
        return getDetails()
                .filter(Refusal.class::isInstance)
                .map(Refusal.class::cast)
                .orElseThrow();
    }
}
