package org.carebank.command;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * The local segment of the Axon Server command bus, answering every failure that is a refusal ({@link
 * CommandFailures}) as a {@code CommandRefusedException}: Axon Server carries its details, the {@code Refusal}, to the
 * sending node, which then answers the same problem as the standalone service. An unknown id or a lost append race
 * would otherwise reach the sender as a bare {@code CommandExecutionException} (a 500), and the connector would log a
 * stack trace for it. Wrapping the bus rather than intercepting the handler also covers what fails at commit, where
 * Axon Server refuses an append that lost a race.
 */
final class RefusalsOverTheWire implements CommandBus {

    private final CommandBus local;

    RefusalsOverTheWire(CommandBus local) {
        this.local = local;
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        local.dispatch(command);
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        local.<C, R>dispatch(command, (message, result) -> callback.onResult(message, asRefusal(result)));
    }

    /** A failure that is a refusal becomes a refusal with its details; any other result is left as it is. */
    static <R> CommandResultMessage<R> asRefusal(CommandResultMessage<R> result) {
        if (!result.isExceptional()
                || result.exceptionResult() instanceof CommandExecutionException carried
                        && carried.getDetails().isPresent()) {
            return result;
        }
        return CommandFailures.refusal(result.exceptionResult())
                .<CommandResultMessage<R>>map(
                        refusal -> new GenericCommandResultMessage<>(refusal.exception(), result.getMetaData()))
                .orElse(result);
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return local.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return local.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return local.registerDispatchInterceptor(dispatchInterceptor);
    }
}
