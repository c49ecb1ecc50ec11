package org.carebank.command.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.web.Callers;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of the authenticated caller and waits until its events are stored. The caller travels as
 * command metadata, and from there onto every event the command causes.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final Clock clock;

    CommandSender(CommandGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    public CommandOutcome send(Object command) {
        return send(command, CommandOutcome.class);
    }

    public <R> R send(Object command, Class<R> resultType) {
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(caller().toMetaData());
        return resultType.cast(gateway.sendAndWait(message));
    }

    /** When the service received the request, to the millisecond: every store keeps that precision exactly. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The authenticated caller, read as the query side and the services' filters read it ({@link Callers}). */
    public static Caller caller() {
        return Callers.current();
    }
}
