package org.carebank.query.audit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.carebank.kernel.audit.ChainSigningKey;
import org.carebank.query.audit.AuditController.StreamHistory;
import org.carebank.query.audit.ChainVerifier.Verification;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The embedded event store's tables as stored, ordered and verified by the hash chain (ADR 0005). */
@Component
@ConditionalOnProperty(name = "carebank.audit.hash-chain", havingValue = "true", matchIfMissing = true)
class HashChainedAuditTrail implements AuditTrail {

    private final EventTableReader stored;
    private final StreamHistoryAssembler histories;
    private final AuditEventJson json;
    private final ChainVerifier verifier;
    private final ChainSigningKey key;

    HashChainedAuditTrail(
            EventTableReader stored,
            StreamHistoryAssembler histories,
            AuditEventJson json,
            ChainVerifier verifier,
            ChainSigningKey key) {
        this.stored = stored;
        this.histories = histories;
        this.json = json;
        this.verifier = verifier;
        this.key = key;
    }

    @Override
    public Optional<StreamHistory> stream(String streamId) {
        return histories.of(streamId);
    }

    @Override
    public void feed(long after, Integer limit, FeedSink sink) throws IOException {
        stored.feed(after, limit, event -> sink.accept(event.position(), json.of(event)));
    }

    @Override
    public Verification verify(List<ChainAnchor> anchors) {
        return verifier.verify(anchors);
    }

    @Override
    public List<SigningKeys.PublicSigningKey> signingKeys() {
        return List.of(SigningKeys.PublicSigningKey.of(key));
    }
}
