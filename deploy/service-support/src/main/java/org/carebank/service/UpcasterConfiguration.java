package org.carebank.service;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.carebank.kernel.provider.ProviderAdmittedUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upcasters of the stored event format (ADR 0001): Axon collects every {@link EventUpcaster} bean into the chain
 * the storage engine reads through (see {@code EventStoreConfiguration}), for aggregates and processors alike.
 */
@Configuration(proxyBeanMethods = false)
class UpcasterConfiguration {

    @Bean
    EventUpcaster providerAdmittedUpcaster() {
        return new ProviderAdmittedUpcaster();
    }
}
