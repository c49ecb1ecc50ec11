package org.carebank.command;

import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.carebank.command.provider.ApprovedListPolicy;
import org.carebank.command.timebank.TimeBankRules;
import org.carebank.command.visit.BillingPolicy;
import org.carebank.command.visit.VisitRules;
import org.carebank.kernel.caller.Caller;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ApprovedListPolicy.class, VisitRules.class, BillingPolicy.class, TimeBankRules.class})
public class CommandSideConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
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
