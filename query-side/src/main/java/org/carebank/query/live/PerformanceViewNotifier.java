package org.carebank.query.live;

import java.util.HashSet;
import java.util.Set;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs in the dashboards' processor, so it fires after the performance view committed the same events. A visit's
 * change concerns its provider; a time bank's concerns every provider serving the client, as those may read the bank
 * (the time-bank queries' rule).
 */
@Component
@ProcessingGroup("performance-views")
class PerformanceViewNotifier extends ViewChangeNotifier {

    private final JdbcClient jdbc;

    PerformanceViewNotifier(LiveFeed feed, JdbcClient jdbc) {
        super(feed, "performance");
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(VisitScheduled event) {
        batchChanged(provider(event.providerId()));
    }

    @EventHandler
    void on(VisitDelivered event) {
        batchChanged(provider(event.providerId()));
    }

    @EventHandler
    void on(VisitMissed event) {
        batchChanged(provider(event.providerId()));
    }

    @EventHandler
    void on(VisitCancelled event) {
        batchChanged(provider(event.providerId()));
    }

    @EventHandler
    void on(UnusedTimeBanked event) {
        var providers = new HashSet<>(servingClient(event.clientRef()));
        providers.addAll(provider(event.providerId()));
        batchChanged(providers);
    }

    @EventHandler
    void on(TimeDrawnDown event) {
        batchChanged(servingClient(event.clientRef()));
    }

    @EventHandler
    void on(TimeBankLotExpired event) {
        batchChanged(servingClient(event.clientRef()));
    }

    @EventHandler
    void on(TimeBankAdjusted event) {
        batchChanged(servingClient(event.clientRef()));
    }

    private static Set<String> provider(String providerId) {
        return providerId == null ? Set.of() : Set.of(providerId);
    }

    private Set<String> servingClient(String clientRef) {
        return Set.copyOf(jdbc.sql(
                        "SELECT DISTINCT provider_id FROM package_view WHERE client_ref = ? AND provider_id IS NOT NULL")
                .param(clientRef)
                .query(String.class)
                .list());
    }
}
