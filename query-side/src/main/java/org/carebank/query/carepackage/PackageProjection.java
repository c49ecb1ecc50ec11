package org.carebank.query.carepackage;

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
 * The live package view: the packages a batch of events touches are read once, each event is applied by {@link
 * PackageFold}, and each event's changes are written through {@link BatchedWrites} at the end of the batch, so that an
 * unwritable event is parked alone (ADR 0009, ADR 0010).
 */
@Component
@ProcessingGroup(PackageProjection.PROCESSING_GROUP)
class PackageProjection {

    static final String PROCESSING_GROUP = "package-views";

    private final PackageTable table;
    private final BatchedWrites writes;
    private final TouchedRows<PackageView> rows;

    PackageProjection(PackageTable table, BatchedWrites writes) {
        this.table = table;
        this.writes = writes;
        this.rows = new TouchedRows<>(PROCESSING_GROUP, writes, PackageFold::packageIdOf, table::byIds);
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
        PackageView before = rows.get(packageId);
        PackageView after = PackageFold.apply(before, event, at);
        if (after != before) {
            rows.put(packageId, after);
            table.write(writes, before, after, at);
        }
    }

    @ResetHandler
    void reset() {
        table.deleteAll();
    }
}
