package org.carebank.command.audit;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.carebank.kernel.audit.FeedPosition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit feed's head as the command side sees it right after a command's events were committed: the position that
 * a command's answer carries in {@code Carebank-Position} (ADR 0020). Read after the commit, it is the position of the
 * command's last event, or a later one when another command committed in between; a query waiting for it therefore
 * sees the command's events either way. With the hash chain the head row holds it (linked in the appending
 * transaction); on Axon Server it is the head token's global index.
 */
@Component
public class FeedHead {

    private final JdbcClient jdbc;
    private final EventStore eventStore;
    private final boolean chained;

    FeedHead(JdbcClient jdbc, EventStore eventStore, @Value("${carebank.audit.hash-chain:true}") boolean chained) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.chained = chained;
    }

    public long position() {
        if (chained) {
            return jdbc.sql("SELECT chain_position FROM event_chain_head WHERE id = 1")
                    .query(Long.class)
                    .optional()
                    .orElse(0L);
        }
        TrackingToken head = eventStore.createHeadToken();
        return FeedPosition.ofGlobalIndex(head == null ? -1 : head.position().orElse(-1));
    }
}
