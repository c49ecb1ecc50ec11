package org.carebank.kernel.audit;

import java.time.Duration;

/**
 * How often the chain is signed (ADR 0005): a checkpoint at every position that is a multiple of {@code events}, looked
 * for every {@code poll}, plus one at the head on shutdown. The verifier uses {@code events} to notice a checkpoint
 * deleted between two others.
 */
public record CheckpointInterval(int events, Duration poll) {

    public CheckpointInterval {
        if (events < 1) {
            throw new IllegalArgumentException("carebank.audit.signing.checkpoint-every must be at least 1");
        }
        if (poll == null || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("carebank.audit.signing.checkpoint-poll must be positive");
        }
    }

    public boolean isCheckpointPosition(long position) {
        return position > 0 && position % events == 0;
    }
}
