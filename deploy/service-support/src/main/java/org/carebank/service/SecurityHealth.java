package org.carebank.service;

import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The {@code security} component of /actuator/health: still UP with the published credentials of a first run (where
 * PublishedCredentialsCheck lets them through), but saying {@code defaultCredentials: true} and which settings to
 * replace, so that a service left that way is seen on every health check.
 */
@Component("securityHealthIndicator")
class SecurityHealth implements HealthIndicator {

    private final List<String> inUse;

    SecurityHealth(Environment environment) {
        this.inUse = PublishedCredentials.inUse(Binder.get(environment));
    }

    @Override
    public Health health() {
        var health = Health.up().withDetail("defaultCredentials", !inUse.isEmpty());
        if (!inUse.isEmpty()) {
            health.withDetail("replace", inUse);
        }
        return health.build();
    }
}
