package org.carebank.query.travel;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TravelConfiguration {

    /**
     * One segment: a worker-day's legs are computed from several visits' rows, and two of its visits handled at once
     * in two segments would each miss the other's change. A failing event is retried rather than skipped, because a
     * skipped event would leave the legs silently wrong.
     */
    @Bean
    ConfigurerModule travelViewsProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerPooledStreamingEventProcessorConfiguration(
                        TravelProjection.PROCESSING_GROUP, (config, builder) -> builder.initialSegmentCount(1))
                .registerListenerInvocationErrorHandler(
                        TravelProjection.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
