package org.carebank.query.rebuild;

import java.util.Map;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.springframework.stereotype.Component;

/**
 * How many segments of each projection this instance may hold, which Axon's pooled processors ask at every claim
 * interval: their coordinator claims up to it and releases what it holds above it (ADR 0011). {@link SegmentSharing}
 * sets the shares from the heartbeat; a projection this instance is rebuilding may hold every segment at once.
 */
@Component
class SegmentShares implements MaxSegmentProvider {

    /** No limit: what Axon does without a provider (its own default is the same {@code Short.MAX_VALUE}). */
    static final int ALL = Short.MAX_VALUE;

    private final ProjectionInstances instances;
    private volatile Map<String, Integer> shares = Map.of();

    SegmentShares(ProjectionInstances instances) {
        this.instances = instances;
    }

    @Override
    public int getMaxSegments(String processorName) {
        if (instances.rebuildingHere(processorName)) {
            return ALL;
        }
        return shares.getOrDefault(processorName, ALL);
    }

    void update(Map<String, Integer> shares) {
        this.shares = Map.copyOf(shares);
    }
}
