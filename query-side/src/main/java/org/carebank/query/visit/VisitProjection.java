package org.carebank.query.visit;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.carebank.kernel.payment.DeliveryVerified;
import org.carebank.kernel.payment.VisitExceptionsAccepted;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.batch.TouchedRows;
import org.springframework.stereotype.Component;

/**
 * The live visit view: the rows a batch of events touches are read once, each event is applied to its row by {@link
 * VisitFold}, and each event's new row is written through {@link BatchedWrites} at the end of the batch, so that an
 * unwritable event is parked alone (ADR 0009, ADR 0010).
 */
@Component
@ProcessingGroup(VisitProjection.PROCESSING_GROUP)
class VisitProjection {

    static final String PROCESSING_GROUP = "visit-views";

    private final VisitTable table;
    private final BatchedWrites writes;
    private final TouchedRows<VisitView> rows;

    VisitProjection(VisitTable table, BatchedWrites writes) {
        this.table = table;
        this.writes = writes;
        this.rows = new TouchedRows<>(PROCESSING_GROUP, writes, VisitFold::visitIdOf, table::byIds);
    }

    @EventHandler
    void on(DeliveryVerified event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitExceptionsAccepted event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitScheduled event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitRescheduled event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitReassigned event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitCancelled event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitMissed event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitCheckedIn event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitCheckedOut event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitDelivered event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitAmendmentRequested event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitAmendmentApproved event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    @EventHandler
    void on(VisitAmendmentRejected event, @Timestamp Instant at) {
        apply(event.visitId(), event, at);
    }

    private void apply(String visitId, Object event, Instant at) {
        VisitView before = rows.get(visitId);
        VisitView after = VisitFold.apply(before, event);
        if (after != before) {
            rows.put(visitId, after);
            table.write(writes, before, after, at);
        }
    }

    @ResetHandler
    void reset() {
        table.deleteAll();
    }
}
