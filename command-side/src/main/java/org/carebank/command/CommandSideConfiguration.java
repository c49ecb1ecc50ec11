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
import org.carebank.command.provider.ApprovedListPolicy;
import org.carebank.command.timebank.TimeBankRules;
import org.carebank.command.visit.BillingPolicy;
import org.carebank.command.visit.VisitRules;
import org.carebank.command.web.TimeWindow;
import org.carebank.kernel.caller.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    ApprovedListPolicy.class,
    VisitRules.class,
    BillingPolicy.class,
    TimeBankRules.class,
    TimeWindow.class
})
class CommandSideConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Commands that lose an append race to another node are retried: 3 times, 20 to 40 ms apart (settings). */
    @Bean
    CommandGateway commandGateway(
            CommandBus commandBus,
            ScheduledExecutorService commandRetryExecutor,
            @Value("${carebank.commands.conflict-retries:3}") int retries,
            @Value("${carebank.commands.conflict-retry-interval-ms:20}") long intervalMillis) {
        var executor = commandRetryExecutor;
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(executor, retries, intervalMillis))
                .build();
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
