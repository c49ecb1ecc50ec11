package org.carebank.query.rebuild;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the projections' pooled processors run: batches of {@code batch-size} events per transaction, {@code segments}
 * parts per projection, and at most this instance's share of them ({@link SegmentShares}, ADR 0011).
 */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration {

    @Bean
    ConfigurerModule projectionBatches(ProjectionSettings settings, SegmentShares shares) {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        (configuration, builder) -> builder.batchSize(settings.batchSize())
                                .initialSegmentCount(settings.segments())
                                .tokenClaimInterval(settings.claimInterval().toMillis())
                                .maxSegmentProvider(shares));
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
