package org.carebank.query.provider;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.WorkerRegistered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Providers with their zones, list status and latest CQC ratings, and the workers they registered. */
@Component
@ProcessingGroup(ProviderProjection.PROCESSING_GROUP)
class ProviderProjection {

    static final String PROCESSING_GROUP = "provider-views";

    private final JdbcClient jdbc;

    ProviderProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProviderAdmitted event, @Timestamp Instant at) {
        CqcRatings cqc = event.cqc();
        jdbc.sql(
                        """
                        INSERT INTO provider_view (provider_id, name, status, cqc_overall, cqc_safe, cqc_effective,
                          cqc_caring, cqc_responsive, cqc_well_led, cqc_inspected_on, admitted_at, status_changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        event.providerId(),
                        event.name(),
                        ListStatus.ADMITTED.name(),
                        cqc.overall().name(),
                        cqc.safe().name(),
                        cqc.effective().name(),
                        cqc.caring().name(),
                        cqc.responsive().name(),
                        cqc.wellLed().name(),
                        cqc.inspectedOn(),
                        ts(at),
                        ts(at))
                .update();
        for (String zone : event.zones().stream().distinct().toList()) {
            jdbc.sql("INSERT INTO provider_zone_view (provider_id, zone) VALUES (?, ?)")
                    .params(event.providerId(), zone)
                    .update();
        }
    }

    @EventHandler
    void on(CqcRatingsRecorded event) {
        CqcRatings cqc = event.cqc();
        jdbc.sql(
                        """
                        UPDATE provider_view SET cqc_overall = ?, cqc_safe = ?, cqc_effective = ?, cqc_caring = ?,
                          cqc_responsive = ?, cqc_well_led = ?, cqc_inspected_on = ?
                        WHERE provider_id = ?""")
                .params(
                        cqc.overall().name(),
                        cqc.safe().name(),
                        cqc.effective().name(),
                        cqc.caring().name(),
                        cqc.responsive().name(),
                        cqc.wellLed().name(),
                        cqc.inspectedOn(),
                        event.providerId())
                .update();
    }

    @EventHandler
    void on(ProviderSuspended event, @Timestamp Instant at) {
        status(event.providerId(), ListStatus.SUSPENDED, at);
    }

    @EventHandler
    void on(ProviderReinstated event, @Timestamp Instant at) {
        status(event.providerId(), ListStatus.ADMITTED, at);
    }

    private void status(String providerId, ListStatus status, Instant at) {
        jdbc.sql("UPDATE provider_view SET status = ?, status_changed_at = ? WHERE provider_id = ?")
                .params(status.name(), ts(at), providerId)
                .update();
    }

    @EventHandler
    void on(WorkerRegistered event, @Timestamp Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO worker_view (worker_id, provider_id, contract_type, travel_mode, hourly_pay_pence,
                          registered_at) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(
                        event.workerId(),
                        event.providerId(),
                        event.contractType().name(),
                        event.travelMode().name(),
                        event.hourlyPayPence(),
                        ts(at))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM worker_view").update();
        jdbc.sql("DELETE FROM provider_zone_view").update();
        jdbc.sql("DELETE FROM provider_view").update();
    }
}
