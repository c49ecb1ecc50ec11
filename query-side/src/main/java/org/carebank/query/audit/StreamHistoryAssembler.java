package org.carebank.query.audit;

import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.UnknownSerializedType;
import org.carebank.query.audit.AuditController.HistoryEvent;
import org.carebank.query.audit.AuditController.StreamHistory;
import org.springframework.stereotype.Component;

/**
 * One stream's history: the rows as stored (event id, global index, chain position, stored revision) joined with the
 * events as the service reads them today (after upcasting), so an auditor sees both what is stored and what the code
 * makes of it.
 */
@Component
class StreamHistoryAssembler {

    private final EventTableReader stored;
    private final UpcastEventReader events;
    private final AuditEventJson json;

    StreamHistoryAssembler(EventTableReader stored, UpcastEventReader events, AuditEventJson json) {
        this.stored = stored;
        this.events = events;
        this.json = json;
    }

    Optional<StreamHistory> of(String streamId) {
        var rows = stored.stream(streamId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, DomainEventMessage<?>> read = events.all(streamId).stream()
                .collect(Collectors.toMap(DomainEventMessage::getIdentifier, Function.identity()));
        var history = new ArrayList<HistoryEvent>();
        for (var row : rows) {
            var stored = row.stored();
            DomainEventMessage<?> message = read.get(stored.eventIdentifier());
            boolean understood = message != null && message.getPayloadType() != UnknownSerializedType.class;
            String revision =
                    understood ? AuditEventJson.revisionOf(message.getPayloadType()) : stored.payloadRevision();
            history.add(new HistoryEvent(
                    stored.sequenceNumber(),
                    stored.eventIdentifier(),
                    row.position(),
                    row.globalIndex(),
                    stored.payloadType(),
                    revision,
                    java.util.Objects.equals(revision, stored.payloadRevision()) ? null : stored.payloadRevision(),
                    understood ? message.getTimestamp() : java.time.Instant.parse(stored.timestamp()),
                    understood ? json.asJson(message.getPayload()) : json.parse(stored.payload()),
                    understood ? json.asJson(message.getMetaData()) : json.parse(stored.metaData())));
        }
        return Optional.of(new StreamHistory(streamId, rows.get(0).stored().aggregateType(), history));
    }
}
