package org.carebank.query.rebuild;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How fast a projection replays. Axon's pooled processors handle one event per transaction by default, which replays
 * 100,000 events in about 40 s here; batches of 100 share one transaction per segment. Live traffic is unaffected: a
 * batch only fills when events are waiting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RebuildConfiguration.ProjectionSettings.class)
class RebuildConfiguration {

    @ConfigurationProperties("carebank.projections")
    record ProjectionSettings(@DefaultValue("100") int batchSize) {}

    @Bean
    ConfigurerModule projectionBatches(ProjectionSettings settings) {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        (configuration, builder) -> builder.batchSize(settings.batchSize()));
    }
}
