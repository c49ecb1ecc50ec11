package org.carebank.command;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On Axon Server (profile {@code axonserver}) the handlers run in the connector's local segment, a {@link
 * SimpleCommandBus} that Axon's auto-configuration builds; it is wrapped as built, so its monitors and interceptors stay
 * Axon's own. The embedded store needs no wrapping: there the sender gets the handler's exception itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class RemoteRefusalsConfiguration {

    @Bean
    static BeanPostProcessor refusalsOverTheWire() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof SimpleCommandBus local ? new RefusalsOverTheWire(local) : bean;
            }
        };
    }
}
