package org.carebank.query.carepackage;

import static org.carebank.query.web.Sql.ts;

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
import org.carebank.kernel.carepackage.PackageStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Care packages with their status and provider, and every offer made with how it ended. */
@Component
@ProcessingGroup(PackageProjection.PROCESSING_GROUP)
class PackageProjection {

    static final String PROCESSING_GROUP = "package-views";

    private final JdbcClient jdbc;

    PackageProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PackageCommissioned event, @Timestamp Instant at) {
        jdbc.sql(
                        """
                        INSERT INTO package_view (package_id, client_ref, zone, weekly_minutes, hourly_rate_pence,
                          time_banking, starts_on, ends_on, status, provider_id, commissioned_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)""")
                .params(
                        event.packageId(),
                        event.clientRef(),
                        event.zone(),
                        event.weeklyMinutes(),
                        event.hourlyRatePence(),
                        event.timeBanking(),
                        event.startsOn(),
                        event.endsOn(),
                        PackageStatus.COMMISSIONED.name(),
                        ts(at),
                        ts(at))
                .update();
    }

    @EventHandler
    void on(PackageOffered event, @Timestamp Instant at) {
        jdbc.sql("DELETE FROM package_offer_view WHERE package_id = ? AND provider_id = ?")
                .params(event.packageId(), event.providerId())
                .update();
        jdbc.sql(
                        """
                        INSERT INTO package_offer_view (package_id, provider_id, outcome, offered_at)
                        VALUES (?, ?, 'PENDING', ?)""")
                .params(event.packageId(), event.providerId(), ts(at))
                .update();
        jdbc.sql("UPDATE package_view SET status = ?, updated_at = ? WHERE package_id = ?")
                .params(PackageStatus.OFFERED.name(), ts(at), event.packageId())
                .update();
    }

    @EventHandler
    void on(PackageAccepted event, @Timestamp Instant at) {
        offerOutcome(event.packageId(), event.providerId(), "ACCEPTED", null, null);
        jdbc.sql("UPDATE package_offer_view SET outcome = 'WITHDRAWN' WHERE package_id = ? AND outcome = 'PENDING'")
                .param(event.packageId())
                .update();
        jdbc.sql("UPDATE package_view SET status = ?, provider_id = ?, updated_at = ? WHERE package_id = ?")
                .params(PackageStatus.ACTIVE.name(), event.providerId(), ts(at), event.packageId())
                .update();
    }

    @EventHandler
    void on(PackageDeclined event, @Timestamp Instant at) {
        offerOutcome(
                event.packageId(),
                event.providerId(),
                "DECLINED",
                event.reason().name(),
                event.note());
        // Back to COMMISSIONED when no other offer is pending, as the aggregate decides.
        jdbc.sql(
                        """
                        UPDATE package_view SET status = ?, updated_at = ?
                        WHERE package_id = ? AND NOT EXISTS (SELECT 1 FROM package_offer_view o
                          WHERE o.package_id = ? AND o.outcome = 'PENDING')""")
                .params(PackageStatus.COMMISSIONED.name(), ts(at), event.packageId(), event.packageId())
                .update();
    }

    @EventHandler
    void on(PackageHandedBack event, @Timestamp Instant at) {
        offerOutcome(event.packageId(), event.providerId(), "HANDED_BACK", null, null);
        jdbc.sql("UPDATE package_view SET status = ?, provider_id = NULL, updated_at = ? WHERE package_id = ?")
                .params(PackageStatus.HANDED_BACK.name(), ts(at), event.packageId())
                .update();
    }

    private void offerOutcome(String packageId, String providerId, String outcome, String reason, String note) {
        jdbc.sql(
                        """
                        UPDATE package_offer_view SET outcome = ?, decline_reason = ?, decline_note = ?
                        WHERE package_id = ? AND provider_id = ?""")
                .params(outcome, reason, note, packageId, providerId)
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM package_offer_view").update();
        jdbc.sql("DELETE FROM package_view").update();
    }
}
