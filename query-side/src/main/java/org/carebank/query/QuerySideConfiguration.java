package org.carebank.query;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side's beans. Its settings are {@code @ConfigurationProperties} records, one per concern, found by the
 * application's {@code @ConfigurationPropertiesScan}; each record holds its defaults (ADR 0013).
 */
@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /**
     * Projections run in pooled streaming processors: they can be split into segments across threads and instances,
     * and replay far faster than Axon's default tracking processor (one segment, batch of one).
     */
    @Bean
    ConfigurerModule pooledProjections() {
        return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors();
    }
}
