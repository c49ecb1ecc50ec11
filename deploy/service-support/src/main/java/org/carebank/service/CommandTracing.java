package org.carebank.service;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trace of the request that sends a command, on the command: as it is sent, the current span's W3C
 * {@code traceparent} and its trace and span ids go into the command's metadata; as it is handled (on this node or,
 * on Axon Server, on another), a span of that trace is opened for the handling, so the handler's log lines carry the
 * same trace id as the request's. The events' metadata gets the ids from the command (TracingConfiguration).
 */
final class CommandTracing
        implements MessageDispatchInterceptor<CommandMessage<?>>, MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(CommandTracing.class);

    static final String TRACEPARENT = "traceparent";
    /** ECS's names, as in the log lines, so that one value finds both. */
    static final String TRACE_ID = "trace.id";

    static final String SPAN_ID = "span.id";

    private final Tracer tracer;
    private final Propagator propagator;

    CommandTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Span current = tracer.currentSpan();
            if (current == null || command.getMetaData().containsKey(TRACEPARENT)) {
                return command; // nothing traced, or a retry of a command that carries its trace already
            }
            var trace = new HashMap<String, String>();
            propagator.inject(current.context(), trace, Map::put);
            if (!trace.containsKey(TRACEPARENT)) {
                return command; // another propagation format: the ids alone
            }
            return command.andMetaData(Map.of(
                    TRACEPARENT,
                    trace.get(TRACEPARENT),
                    TRACE_ID,
                    current.context().traceId(),
                    SPAN_ID,
                    current.context().spanId()));
        };
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        if (!(metaData.get(TRACEPARENT) instanceof String)) {
            return chain.proceed();
        }
        Span span = propagator
                .extract(metaData, (carrier, key) -> carrier.get(key) instanceof String value ? value : null)
                .name("handle " + unitOfWork.getMessage().getCommandName())
                .kind(Span.Kind.CONSUMER)
                .start();
        try (var scope = tracer.withSpan(span)) {
            log.debug("Handling {}", unitOfWork.getMessage().getCommandName());
            return chain.proceed();
        } catch (Exception | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
