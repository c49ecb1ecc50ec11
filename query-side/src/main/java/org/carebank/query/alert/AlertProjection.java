package org.carebank.query.alert;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.carebank.kernel.alert.AlertAcknowledged;
import org.carebank.kernel.alert.AlertEscalated;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertResolved;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.batch.TouchedRows;
import org.springframework.stereotype.Component;

/**
 * The live alerts view: the alerts a batch of events touches are read once, each event is applied by {@link
 * AlertFold}, and each event's changes are written through {@link BatchedWrites} at the end of the batch, so that an
 * unwritable event is parked alone (ADR 0009, ADR 0010).
 */
@Component
@ProcessingGroup(AlertProjection.PROCESSING_GROUP)
class AlertProjection {

    static final String PROCESSING_GROUP = "alert-views";

    private final AlertTable table;
    private final BatchedWrites writes;
    private final TouchedRows<AlertView> rows;

    AlertProjection(AlertTable table, BatchedWrites writes) {
        this.table = table;
        this.writes = writes;
        this.rows = new TouchedRows<>(PROCESSING_GROUP, writes, AlertFold::alertIdOf, table::byIds);
    }

    @EventHandler
    void on(AlertRaised event) {
        apply(event.alertId(), event);
    }

    @EventHandler
    void on(AlertAcknowledged event) {
        apply(event.alertId(), event);
    }

    @EventHandler
    void on(AlertResolved event) {
        apply(event.alertId(), event);
    }

    @EventHandler
    void on(AlertEscalated event) {
        apply(event.alertId(), event);
    }

    private void apply(String alertId, Object event) {
        AlertView before = rows.get(alertId);
        AlertView after = AlertFold.apply(before, event);
        if (after != before) {
            rows.put(alertId, after);
            table.write(writes, before, after);
        }
    }

    @ResetHandler
    void reset() {
        table.deleteAll();
    }
}
