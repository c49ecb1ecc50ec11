package org.carebank.command;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.carebank.kernel.caller.Caller;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's beans. Its settings are {@code @ConfigurationProperties} records, one per concern, found by the
 * application's {@code @ConfigurationPropertiesScan}; each record holds its defaults (ADR 0013).
 */
@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Commands that lose an append race to another node are retried, nothing else (ADR 0012). */
    @Bean
    CommandGateway commandGateway(
            CommandBus commandBus, ScheduledExecutorService commandRetryExecutor, ConflictRetrySettings retries) {
        var gateway = DefaultCommandGateway.builder().commandBus(commandBus);
        if (retries.conflictRetries() > 0) {
            gateway.retryScheduler(ConflictRetryScheduler.of(commandRetryExecutor, retries));
        }
        return gateway.build();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("command-retry"));
    }

    /** Every event carries who sent the command that caused it (domain rule 8). */
    @Bean
    CorrelationDataProvider callerCorrelation() {
        return new SimpleCorrelationDataProvider(Caller.PRINCIPAL, Caller.ROLE, Caller.PROVIDER_ID);
    }

    /** Declaring a provider above switches Axon's default off; keep correlation and trace ids. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * The command-side lookups are updated inside the unit of work that appends the events, and a failure there
     * rolls the command back instead of being logged and forgotten.
     */
    @Bean
    ConfigurerModule commandLookupsInTheCommandTransaction() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor("command-lookups")
                .registerListenerInvocationErrorHandler("command-lookups", c -> PropagatingErrorHandler.instance());
    }
}
