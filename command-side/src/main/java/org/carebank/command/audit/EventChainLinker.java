package org.carebank.command.audit;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
    private static final String UNLINKED = EventChainLinker.class.getName() + ".unlinked";

    private final EventChain chain;

    EventChainLinker(EventChain chain) {
        this.chain = chain;
    }

    /**
     * The subscribing processor hands over all the events of a unit of work as one batch: their identifiers are
     * collected and linked together with the batch's last event (a roster's hundreds of visits take one lock, one read
     * and one batch of inserts).
     */
    @EventHandler
    void on(EventMessage<?> event) {
        var unitOfWork = CurrentUnitOfWork.get();
        List<String> identifiers = unitOfWork.getOrComputeResource(UNLINKED, key -> new ArrayList<String>());
        identifiers.add(event.getIdentifier());
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            chain.link(List.copyOf(identifiers));
            identifiers.clear();
        }
    }
}
