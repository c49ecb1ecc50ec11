package org.carebank.command.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links the events stored before the chain existed (a database from an earlier version), once, in global index order.
 * It runs when every bean is ready but before anything starts (web server, event processors, deadline scheduler), so
 * no new event can be linked ahead of the old ones. After that, an event without a link is a finding of the verifier,
 * never silently adopted.
 */
@Component
@ConditionalOnProperty(name = "carebank.audit.hash-chain", havingValue = "true", matchIfMissing = true)
class EventChainAdoption implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EventChainAdoption.class);
    private static final int BATCH = 500;

    private final EventChain chain;
    private final TransactionTemplate transactions;

    EventChainAdoption(EventChain chain, TransactionTemplate transactions) {
        this.chain = chain;
        this.transactions = transactions;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long adopted = 0;
        int linked;
        do {
            // One transaction per batch keeps a first start on a large store from holding one huge transaction.
            linked = transactions.execute(status -> chain.adoptNextBatch(BATCH));
            adopted += linked;
        } while (linked > 0);
        if (adopted > 0) {
            log.info("Linked {} events stored before the hash chain existed", adopted);
        }
    }
}
