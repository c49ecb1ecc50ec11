package org.carebank.service;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's meters (command bus, event processors, event store) on the service's own registry, so they reach
 * {@code /actuator/prometheus}. Axon's auto-configuration orders itself by Spring Boot 3 class names and would give
 * them a private registry under Boot 4.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    GlobalMetricRegistry axonMetricRegistry(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry);
    }

    @Bean
    MetricsConfigurerModule axonMetrics(GlobalMetricRegistry axonMetricRegistry) {
        return new MetricsConfigurerModule(axonMetricRegistry, true);
    }
}
