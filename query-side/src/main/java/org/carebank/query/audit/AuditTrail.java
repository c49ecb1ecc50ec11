package org.carebank.query.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.carebank.query.audit.AuditController.StreamHistory;
import org.carebank.query.audit.ChainVerifier.Verification;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the audit API reads the raw history: the embedded event store with its hash chain ({@link HashChainedAuditTrail})
 * or Axon Server ({@link AxonServerAuditTrail}).
 */
interface AuditTrail {

    @FunctionalInterface
    interface FeedSink {
        /** One event of the feed at {@code position} (1, 2, 3... in commit order, without gaps). */
        void accept(long position, ObjectNode event) throws IOException;
    }

    Optional<StreamHistory> stream(String streamId);

    /** The events after {@code after}, in commit order, at most {@code limit} (null for every event up to the head). */
    void feed(long after, Integer limit, FeedSink sink) throws IOException;

    /** The hash chain recomputed, its signed checkpoints checked, and whether each anchor is still in the history. */
    Verification verify(List<ChainAnchor> anchors);

    /** The public keys that verify the chain's checkpoints. */
    List<SigningKeys.PublicSigningKey> signingKeys();
}
