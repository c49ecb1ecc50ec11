package org.carebank.query.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.serialization.EventJson;
import org.carebank.query.web.Sql;
import org.springframework.stereotype.Component;

/**
 * Fills the outbox: a streaming processor of its own whose token is stored in the same transaction as the rows it
 * writes, so an event is queued exactly once for each subscription (ADR 0018). A delivery's id is the event's id and
 * the subscription's, so a batch handled again after a failure finds its rows and does not queue them twice. Errors
 * propagate (a batch is retried, never skipped), and it is not rebuildable: a replay would send everything again.
 */
@Component
@ProcessingGroup(WebhookOutbox.PROCESSING_GROUP)
class WebhookOutbox {

    static final String PROCESSING_GROUP = "webhook-outbox";

    private static final ObjectMapper JSON = EventJson.objectMapper();

    private final WebhookTables tables;

    WebhookOutbox(WebhookTables tables) {
        this.tables = tables;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) throws JsonProcessingException {
        var notification = WebhookEvents.of(payload);
        if (notification.isEmpty()) {
            return;
        }
        var what = notification.get();
        var occurredAt = Sql.stored(message.getTimestamp());
        for (Subscription subscription : tables.subscribers(what.type(), what.providerId(), occurredAt)) {
            String deliveryId = message.getIdentifier() + ":" + subscription.subscriptionId();
            if (!tables.queued(deliveryId)) {
                tables.queue(
                        deliveryId,
                        subscription,
                        what,
                        occurredAt,
                        JSON.writeValueAsString(what.data()),
                        Instant.now());
            }
        }
    }
}
