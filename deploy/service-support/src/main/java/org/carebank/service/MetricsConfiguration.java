package org.carebank.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
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
        return new WithoutCapacityMonitor(registry);
    }

    /**
     * Axon's monitors for each event processor except its capacity monitor, which keeps every event's handling time for
     * ten minutes to compute a busy ratio: in a rebuild that is millions of entries, and a 1,000,000-event rebuild ran
     * a 1 GB heap out of memory (docs/performance/README.md). The processing timer (whose sum per second gives the same
     * busy ratio), the latency gauge and the counters stay. The timers and counters are Axon's meters looked up once
     * per payload type ({@link ProcessorMeters}) rather than on every message.
     */
    static final class WithoutCapacityMonitor extends GlobalMetricRegistry {

        WithoutCapacityMonitor(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
                String eventProcessorName,
                Function<Message<?>, Iterable<Tag>> tagsBuilder,
                Function<Message<?>, Iterable<Tag>> latencyTagsBuilder) {
            return new MultiMessageMonitor<>(List.of(
                    new ProcessorMeters(eventProcessorName, getRegistry(), tagsBuilder),
                    EventProcessorLatencyMonitor.builder()
                            .meterNamePrefix(eventProcessorName)
                            .meterRegistry(getRegistry())
                            .tagsBuilder(latencyTagsBuilder)
                            .build()));
        }
    }

    @Bean
    MetricsConfigurerModule axonMetrics(GlobalMetricRegistry axonMetricRegistry) {
        return new MetricsConfigurerModule(axonMetricRegistry, true);
    }
}
