package org.carebank.command.audit;

import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command side's part of the audit: causation ids on every event, and the hash chain in the append transaction. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    CorrelationDataProvider causationIdProvider() {
        return new CausationIdProvider();
    }

    /**
     * The chain is linked by a subscribing processor, so it runs in the unit of work (and database transaction) that
     * appends the events; a failure there rolls the command back instead of leaving an unlinked event.
     */
    @Bean
    ConfigurerModule eventChainInTheCommandTransaction() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(EventChainLinker.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(
                        EventChainLinker.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /**
     * Events applied by a deadline (a missed visit) carry the deadline's correlation, trace and causation ids too: the
     * deadline manager is declared by hand, so Axon does not give it the correlation interceptor commands get. The
     * caller's own keys are left out on purpose: the service, not the caller who scheduled the visit, records a miss.
     */
    @Bean
    SmartInitializingSingleton correlationOnDeadlines(DeadlineManager deadlines) {
        return () -> deadlines.registerHandlerInterceptor(
                new CorrelationDataInterceptor<>(List.of(new MessageOriginProvider(), new CausationIdProvider())));
    }
}
