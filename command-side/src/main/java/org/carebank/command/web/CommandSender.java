package org.carebank.command.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.carebank.command.audit.FeedHead;
import org.carebank.kernel.audit.FeedPosition;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.web.Callers;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends a command on behalf of the authenticated caller and waits until its events are stored. The caller travels as
 * command metadata, and from there onto every event the command causes.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final Clock clock;
    private final FeedHead feedHead;

    CommandSender(CommandGateway gateway, Clock clock, FeedHead feedHead) {
        this.gateway = gateway;
        this.clock = clock;
        this.feedHead = feedHead;
    }

    public CommandOutcome send(Object command) {
        return send(command, CommandOutcome.class);
    }

    public <R> R send(Object command, Class<R> resultType) {
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(caller().toMetaData());
        R result = resultType.cast(gateway.sendAndWait(message));
        answerPosition();
        return result;
    }

    /**
     * Every command answer carries the feed position its events are at (or the one found already recorded), so the
     * caller can ask a query to wait for it: read your own writes (ADR 0020). A roster sends many commands; the last
     * one's position covers them all. Refused commands throw before this and carry no position.
     */
    private void answerPosition() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                && request.getResponse() != null) {
            request.getResponse().setHeader(FeedPosition.HEADER, Long.toString(feedHead.position()));
        }
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
