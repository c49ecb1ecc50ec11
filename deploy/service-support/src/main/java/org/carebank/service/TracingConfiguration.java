package org.carebank.service;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer Tracing through Axon. The HTTP server's observation continues a W3C {@code traceparent} a rostering
 * system sends (or starts a trace); {@link CommandTracing} carries it on each command as metadata ({@code traceparent},
 * {@code trace.id}, {@code span.id}), continues it where the command is handled (another node on Axon Server too),
 * and the correlation data provider below copies it onto every event the command causes. Axon's own {@code traceId}
 * metadata is another thing: the id of the first message of the conversation (MessageOriginProvider).
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    /** Declared as a bean, so Axon adds it to the other providers (callers, origin, causation). */
    @Bean
    CorrelationDataProvider traceCorrelation() {
        return new SimpleCorrelationDataProvider(
                CommandTracing.TRACEPARENT, CommandTracing.TRACE_ID, CommandTracing.SPAN_ID);
    }

    @Bean
    SmartInitializingSingleton commandTracingOnTheBus(
            ObjectProvider<CommandBus> commandBus,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return () -> {
            var bus = commandBus.getIfAvailable();
            var tracing = tracer.getIfAvailable();
            var propagation = propagator.getIfAvailable();
            if (bus == null || tracing == null || propagation == null) {
                return; // the query service sends no commands
            }
            var interceptor = new CommandTracing(tracing, propagation);
            bus.registerDispatchInterceptor(interceptor);
            bus.registerHandlerInterceptor(interceptor);
        };
    }
}
