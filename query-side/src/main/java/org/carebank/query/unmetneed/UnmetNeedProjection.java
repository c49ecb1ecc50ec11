package org.carebank.query.unmetneed;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.batch.TouchedRows;
import org.springframework.stereotype.Component;

/**
 * The unmet need view: the packages a batch touches are read once, each event applied by {@link UnmetNeedFold}, its
 * changes written through {@link BatchedWrites} at the end of the batch (ADR 0009, ADR 0010). Rebuilt like the others
 * ({@code POST /api/v1/admin/projections/unmet-need-views/rebuild}).
 */
@Component
@ProcessingGroup(UnmetNeedProjection.PROCESSING_GROUP)
class UnmetNeedProjection {

    static final String PROCESSING_GROUP = "unmet-need-views";

    private final UnmetNeedTable table;
    private final BatchedWrites writes;
    private final TouchedRows<PackageWaits> rows;

    UnmetNeedProjection(UnmetNeedTable table, BatchedWrites writes) {
        this.table = table;
        this.writes = writes;
        this.rows = new TouchedRows<>(PROCESSING_GROUP, writes, UnmetNeedFold::packageIdOf, table::byIds);
    }

    @EventHandler
    void on(PackageCommissioned event, @Timestamp Instant at) {
        apply(event.packageId(), event, at);
    }

    @EventHandler
    void on(PackageOffered event, @Timestamp Instant at) {
        apply(event.packageId(), event, at);
    }

    @EventHandler
    void on(PackageAccepted event, @Timestamp Instant at) {
        apply(event.packageId(), event, at);
    }

    @EventHandler
    void on(PackageDeclined event, @Timestamp Instant at) {
        apply(event.packageId(), event, at);
    }

    @EventHandler
    void on(PackageHandedBack event, @Timestamp Instant at) {
        apply(event.packageId(), event, at);
    }

    private void apply(String packageId, Object event, Instant at) {
        PackageWaits before = rows.get(packageId);
        PackageWaits after = UnmetNeedFold.apply(before, event, at);
        if (after != before) {
            rows.put(packageId, after);
            table.write(writes, before, after);
        }
    }

    @ResetHandler
    void reset() {
        table.deleteAll();
    }
}
