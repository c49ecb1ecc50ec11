package org.carebank.command.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitScheduled;
import org.springframework.stereotype.Component;

/**
 * Domain counters on the Prometheus endpoint, beside Axon's own meters: visits scheduled, delivered (and late or
 * short), missed and cancelled, and time bank minutes banked, drawn and expired. Counted as the events are recorded
 * (in the command-lookups processor, after the commit, so a rolled-back command counts nothing); a rebuild of the
 * views never counts twice.
 */
@Component
@ProcessingGroup("command-lookups")
class DomainMetrics {

    private final MeterRegistry registry;

    DomainMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventHandler
    void on(VisitScheduled event) {
        count("carebank.visits", 1, "outcome", "scheduled");
    }

    @EventHandler
    void on(VisitDelivered event) {
        count("carebank.visits", 1, "outcome", "delivered");
        if (event.late()) {
            count("carebank.visits", 1, "outcome", "delivered-late");
        }
        if (event.shortVisit()) {
            count("carebank.visits", 1, "outcome", "delivered-short");
        }
    }

    @EventHandler
    void on(VisitMissed event) {
        count("carebank.visits", 1, "outcome", "missed");
    }

    @EventHandler
    void on(VisitCancelled event) {
        count("carebank.visits", 1, "outcome", "cancelled");
    }

    @EventHandler
    void on(UnusedTimeBanked event) {
        count("carebank.timebank.minutes", event.minutes(), "kind", "banked");
    }

    @EventHandler
    void on(TimeDrawnDown event) {
        count("carebank.timebank.minutes", event.minutes(), "kind", "drawn");
    }

    @EventHandler
    void on(TimeBankLotExpired event) {
        count("carebank.timebank.minutes", event.minutes(), "kind", "expired");
    }

    private void count(String name, double amount, String tag, String value) {
        Runnable increment = () -> registry.counter(name, tag, value).increment(amount);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> increment.run());
        } else {
            increment.run();
        }
    }
}
