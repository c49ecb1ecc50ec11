package org.carebank.query.audit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.carebank.kernel.audit.FeedPosition;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.query.audit.AuditController.HistoryEvent;
import org.carebank.query.audit.AuditController.StreamHistory;
import org.carebank.query.audit.ChainVerifier.Verification;
import org.carebank.web.Problems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.node.ObjectNode;

/**
 * The history as Axon Server keeps it (profile {@code axonserver}). Axon Server hands out a gap-free global index in
 * commit order, so the feed's position is simply that index plus one. The hash chain is not kept here: it links rows
 * of the embedded store, and Axon Server's own store is append-only and not writable around the service.
 */
@Component
@ConditionalOnProperty(name = "carebank.audit.hash-chain", havingValue = "false")
class AxonServerAuditTrail implements AuditTrail {

    private final EventStore eventStore;
    private final UpcastEventReader history;
    private final AuditEventJson json;

    AxonServerAuditTrail(EventStore eventStore, UpcastEventReader history, AuditEventJson json) {
        this.eventStore = eventStore;
        this.history = history;
        this.json = json;
    }

    @Override
    public Optional<StreamHistory> stream(String streamId) {
        List<? extends DomainEventMessage<?>> events = history.all(streamId);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        var lines = new ArrayList<HistoryEvent>();
        for (DomainEventMessage<?> event : events) {
            lines.add(new HistoryEvent(
                    event.getSequenceNumber(),
                    event.getIdentifier(),
                    null,
                    null,
                    event.getPayloadType().getName(),
                    AuditEventJson.revisionOf(event.getPayloadType()),
                    null,
                    event.getTimestamp(),
                    json.asJson(event.getPayload()),
                    json.asJson(event.getMetaData())));
        }
        return Optional.of(new StreamHistory(streamId, events.get(0).getType(), lines));
    }

    @Override
    public void feed(long after, Integer limit, FeedSink sink) throws IOException {
        long head = indexOf(eventStore.createHeadToken());
        if (after > head) {
            return;
        }
        TrackingToken start = after == 0 ? null : new GlobalSequenceTrackingToken(FeedPosition.globalIndexOf(after));
        long read = 0;
        try (var stream = eventStore.openStream(start)) {
            while ((limit == null || read < limit) && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                long index = indexOf(event.trackingToken());
                if (index > head) {
                    return;
                }
                sink.accept(FeedPosition.ofGlobalIndex(index), eventJson(index, event));
                read++;
                if (index == head) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the feed from Axon Server", e);
        }
    }

    @Override
    public Verification verify(List<ChainAnchor> anchors) {
        throw hashChainNotKept();
    }

    /** No chain, so nothing signed either: Axon Server's store is append-only (ADR 0005, ADR 0007). */
    @Override
    public List<SigningKeys.PublicSigningKey> signingKeys() {
        throw hashChainNotKept();
    }

    private static ErrorResponseException hashChainNotKept() {
        return Problems.exception(new Refusal(
                "hash-chain-not-kept",
                501,
                "Hash chain not kept in this deployment",
                "This deployment stores its events in Axon Server, which keeps them append-only; the hash chain"
                        + " (ADR 0005) is kept only by the embedded event store. Export the feed to keep a copy.",
                Map.of()));
    }

    private ObjectNode eventJson(long index, TrackedEventMessage<?> event) {
        ObjectNode node = json.objectNode();
        node.put("position", FeedPosition.ofGlobalIndex(index));
        node.put("globalIndex", index);
        node.put("eventId", event.getIdentifier());
        if (event instanceof DomainEventMessage<?> domain) {
            node.put("streamId", domain.getAggregateIdentifier());
            node.put("aggregateType", domain.getType());
            node.put("sequence", domain.getSequenceNumber());
        }
        node.put("type", event.getPayloadType().getName());
        node.put("revision", AuditEventJson.revisionOf(event.getPayloadType()));
        node.put("timestamp", event.getTimestamp().toString());
        node.set("payload", json.asJson(event.getPayload()));
        node.set("metadata", json.asJson(event.getMetaData()));
        return node;
    }

    /** Axon Server's head token is the index of the newest event; null (no token) when the store is empty. */
    private static long indexOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
