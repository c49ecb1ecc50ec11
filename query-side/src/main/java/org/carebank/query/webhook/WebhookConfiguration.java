package org.carebank.query.webhook;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox processor fails a batch rather than skip an event: a handler error is retried by the processor. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    ConfigurerModule webhookOutboxErrors() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        WebhookOutbox.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
