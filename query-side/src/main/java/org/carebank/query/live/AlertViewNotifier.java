package org.carebank.query.live;

import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.carebank.kernel.alert.AlertAcknowledged;
import org.carebank.kernel.alert.AlertEscalated;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertResolved;
import org.springframework.stereotype.Component;

/**
 * Runs in the alerts view's processor, so it fires after the view committed the same events: the exceptions panel
 * refetches on "alerts". An alert concerns its provider (and the council, who hears of every provider).
 */
@Component
@ProcessingGroup("alert-views")
class AlertViewNotifier extends ViewChangeNotifier {

    AlertViewNotifier(LiveFeed live) {
        super(live, "alerts");
    }

    @EventHandler
    void on(AlertRaised event) {
        batchChanged(Set.of(event.providerId()));
    }

    @EventHandler
    void on(AlertAcknowledged event) {
        batchChanged(Set.of(event.providerId()));
    }

    @EventHandler
    void on(AlertResolved event) {
        batchChanged(Set.of(event.providerId()));
    }

    @EventHandler
    void on(AlertEscalated event) {
        batchChanged(Set.of(event.providerId()));
    }
}
