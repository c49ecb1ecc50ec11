package org.carebank.query.amendment;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.batch.TouchedRows;
import org.springframework.stereotype.Component;

/** The live amendment queue, in the shape of the visit view: touched rows, {@link AmendmentFold}, batched writes. */
@Component
@ProcessingGroup(AmendmentProjection.PROCESSING_GROUP)
class AmendmentProjection {

    static final String PROCESSING_GROUP = "amendment-views";

    private final AmendmentTable table;
    private final BatchedWrites writes;
    private final TouchedRows<AmendmentView> rows;

    AmendmentProjection(AmendmentTable table, BatchedWrites writes) {
        this.table = table;
        this.writes = writes;
        this.rows = new TouchedRows<>(PROCESSING_GROUP, writes, AmendmentFold::keyOf, table::byKeys);
    }

    @EventHandler
    void on(VisitAmendmentRequested event, @Timestamp Instant at) {
        apply(event, at);
    }

    @EventHandler
    void on(VisitAmendmentApproved event, @Timestamp Instant at) {
        apply(event, at);
    }

    @EventHandler
    void on(VisitAmendmentRejected event, @Timestamp Instant at) {
        apply(event, at);
    }

    private void apply(Object event, Instant at) {
        String key = AmendmentFold.keyOf(event);
        AmendmentView before = rows.get(key);
        AmendmentView after = AmendmentFold.apply(before, event);
        if (after != null && after != before) {
            rows.put(key, after);
            table.write(writes, before, after, at);
        }
    }

    @ResetHandler
    void reset() {
        table.deleteAll();
    }
}
