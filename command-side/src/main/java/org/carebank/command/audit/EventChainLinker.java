package org.carebank.command.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Links every event to the chain as it is stored, whatever its type (deadline-applied events such as VisitMissed
 * included). It runs in a subscribing processor inside the unit of work that appends the event, and its errors
 * propagate (see {@link AuditConfiguration}): an event is never stored without its link.
 */
@Component
@ConditionalOnProperty(name = "carebank.audit.hash-chain", havingValue = "true", matchIfMissing = true)
@ProcessingGroup(EventChainLinker.PROCESSING_GROUP)
class EventChainLinker {

    static final String PROCESSING_GROUP = "event-chain";

    private final EventChain chain;

    EventChainLinker(EventChain chain) {
        this.chain = chain;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        chain.link(event.getIdentifier());
    }
}
