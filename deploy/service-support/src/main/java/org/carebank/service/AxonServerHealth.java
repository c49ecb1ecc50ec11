package org.carebank.service;

import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code axonServer}, with the {@code axonserver} profile only: whether this service holds its
 * connection to Axon Server's context. Axon's own indicator is written for Spring Boot 3's health API and does not
 * load under Boot 4. DOWN without the connection: commands, events and queries all travel through it.
 */
@Component("axonServerHealthIndicator") // the health component "axonServer"
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class AxonServerHealth implements HealthIndicator {

    private final AxonServerConnectionManager connections;

    AxonServerHealth(AxonServerConnectionManager connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        String context = connections.getDefaultContext();
        boolean connected = connections.isConnected(context);
        return (connected ? Health.up() : Health.down())
                .withDetail("context", context)
                .withDetail("connected", connected)
                .build();
    }
}
