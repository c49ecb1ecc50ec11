package org.carebank.query.rebuild;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The health component {@code projections}: OUT_OF_SERVICE while any projection is being rebuilt (here or by another
 * instance), naming them, else UP. It is in the readiness group (carebank-common.yml), so a load balancer or k8s
 * stops sending this instance requests for the rebuild's duration; its API would answer 503 for those projections
 * meanwhile anyway (ProjectionGuard). An operator who prefers the other projections served during a rebuild takes it
 * out of the group (docs/operations.md).
 */
@Component("projectionsHealthIndicator") // the health component "projections"
class RebuildReadiness implements HealthIndicator {

    private final ProjectionRebuilds rebuilds;

    RebuildReadiness(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public Health health() {
        var rebuilding =
                rebuilds.names().stream().filter(rebuilds::isRebuilding).toList();
        var health = rebuilding.isEmpty() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        return health.withDetail("rebuilding", rebuilding).build();
    }
}
