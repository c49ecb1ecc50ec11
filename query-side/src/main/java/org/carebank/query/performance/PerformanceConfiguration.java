package org.carebank.query.performance;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PerformanceConfiguration {

    /** A failing event is retried rather than skipped: a skipped event would leave the figures silently wrong. */
    @Bean
    ConfigurerModule performanceViewsProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        PerformanceProjection.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
