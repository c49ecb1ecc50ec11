package org.carebank.query.rebuild;

import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.springframework.beans.factory.SmartInitializingSingleton;
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

    /**
     * How the projections' pooled processors batch and share their work: {@code segments} is the number of parts each
     * projection's event stream is split into (by aggregate), which the instances running the query side claim between
     * them; {@code claimInterval} is how often an instance looks for unclaimed segments.
     */
    @ConfigurationProperties("carebank.projections")
    record ProjectionSettings(
            @DefaultValue("100") int batchSize,
            @DefaultValue("1") int segments,
            @DefaultValue("10s") Duration claimTimeout,
            @DefaultValue("5s") Duration claimInterval) {}

    @Bean
    ConfigurerModule projectionBatches(ProjectionSettings settings) {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        (configuration, builder) -> builder.batchSize(settings.batchSize())
                                .initialSegmentCount(settings.segments())
                                .tokenClaimInterval(settings.claimInterval().toMillis()));
    }

    /**
     * Creates the token store's identity row before any projection starts. Two query instances starting at the same
     * moment on an empty database would otherwise both insert it from inside Axon's start-up, and the loser would fail
     * to start; here the loser simply reads the winner's row on its second try.
     */
    @Bean
    SmartInitializingSingleton tokenStoreIdentity(TokenStore tokenStore) {
        return () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    tokenStore.retrieveStorageIdentifier();
                    return;
                } catch (UnableToRetrieveIdentifierException concurrentlyCreated) {
                    if (attempt == 3) {
                        throw concurrentlyCreated;
                    }
                }
            }
        };
    }
}
