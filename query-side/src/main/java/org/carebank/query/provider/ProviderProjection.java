package org.carebank.query.provider;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.batch.TouchedRows;
import org.springframework.stereotype.Component;

/**
 * The live provider view: the providers a batch of events touches are read once, each event is applied by {@link
 * ProviderFold}, and each event's changes are written through {@link BatchedWrites} at the end of the batch, so that an
 * unwritable event is parked alone (ADR 0009, ADR 0010). Registered workers are kept beside them.
 */
@Component
@ProcessingGroup(ProviderProjection.PROCESSING_GROUP)
class ProviderProjection {

    static final String PROCESSING_GROUP = "provider-views";

    private final ProviderTable table;
    private final BatchedWrites writes;
    private final TouchedRows<ProviderView> rows;

    ProviderProjection(ProviderTable table, BatchedWrites writes) {
        this.table = table;
        this.writes = writes;
        this.rows = new TouchedRows<>(PROCESSING_GROUP, writes, ProviderFold::providerIdOf, table::byIds);
    }

    @EventHandler
    void on(ProviderAdmitted event, @Timestamp Instant at) {
        apply(event.providerId(), event, at);
    }

    @EventHandler
    void on(CqcRatingsRecorded event, @Timestamp Instant at) {
        apply(event.providerId(), event, at);
    }

    @EventHandler
    void on(ProviderSuspended event, @Timestamp Instant at) {
        apply(event.providerId(), event, at);
    }

    @EventHandler
    void on(ProviderReinstated event, @Timestamp Instant at) {
        apply(event.providerId(), event, at);
    }

    @EventHandler
    void on(WorkerRegistered event, @Timestamp Instant at) {
        table.write(writes, event, at);
    }

    private void apply(String providerId, Object event, Instant at) {
        ProviderView before = rows.get(providerId);
        ProviderView after = ProviderFold.apply(before, event, at);
        if (after != before) {
            rows.put(providerId, after);
            table.write(writes, before, after);
        }
    }

    @ResetHandler
    void reset() {
        table.deleteAll();
    }
}
