package org.carebank.query.live;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitScheduled;
import org.springframework.stereotype.Component;

/** Runs in the dashboards' processor, so it fires after the performance view committed the same events. */
@Component
@ProcessingGroup("performance-views")
class PerformanceViewNotifier extends ViewChangeNotifier {

    PerformanceViewNotifier(LiveUpdates live) {
        super(live, "performance");
    }

    @EventHandler
    void on(VisitScheduled event) {
        batchChanged();
    }

    @EventHandler
    void on(VisitDelivered event) {
        batchChanged();
    }

    @EventHandler
    void on(VisitMissed event) {
        batchChanged();
    }

    @EventHandler
    void on(VisitCancelled event) {
        batchChanged();
    }

    @EventHandler
    void on(UnusedTimeBanked event) {
        batchChanged();
    }

    @EventHandler
    void on(TimeDrawnDown event) {
        batchChanged();
    }

    @EventHandler
    void on(TimeBankLotExpired event) {
        batchChanged();
    }

    @EventHandler
    void on(TimeBankAdjusted event) {
        batchChanged();
    }
}
