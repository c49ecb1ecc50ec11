package org.carebank.command.audit;

import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Puts the id of the message being handled (the command, or the deadline) on every message it causes, as
 * {@code causationId}. Axon 4's {@code MessageOriginProvider} already records that id, but under the name
 * {@code correlationId}, with {@code traceId} for the first message of the conversation; in the usual event-sourcing
 * vocabulary "correlation" means the conversation, so the audit trail also states the direct cause under its plain
 * name. Cheap: one more metadata entry.
 */
class CausationIdProvider implements CorrelationDataProvider {

    static final String CAUSATION_ID = "causationId";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        return Map.of(CAUSATION_ID, message.getIdentifier());
    }
}
