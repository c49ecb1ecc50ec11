package org.carebank.query.carepackage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.query.audit.UpcastEventReader;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.Callers;
import org.carebank.query.web.NotFoundException;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/packages")
@Tag(name = "Providers, workers, packages")
@ReadsProjection(PackageProjection.PROCESSING_GROUP)
class PackageQueryController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Offer(String providerId, String outcome, String declineReason, String declineNote) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PackageView(
            String packageId,
            String clientRef,
            String zone,
            int weeklyMinutes,
            int hourlyRatePence,
            boolean timeBanking,
            LocalDate startsOn,
            LocalDate endsOn,
            PackageStatus status,
            String providerId,
            List<Offer> offers) {}

    private static final String SELECT =
            """
            SELECT package_id, client_ref, zone, weekly_minutes, hourly_rate_pence, time_banking, starts_on, ends_on,
              status, provider_id FROM package_view p""";

    /** A provider sees a package while it holds it or once it was offered it. */
    private static final String VISIBLE_TO_PROVIDER =
            " (p.provider_id = ? OR EXISTS (SELECT 1 FROM package_offer_view o"
                    + " WHERE o.package_id = p.package_id AND o.provider_id = ?))";

    private final JdbcClient jdbc;
    private final UpcastEventReader history;

    PackageQueryController(JdbcClient jdbc, UpcastEventReader history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    @GetMapping("/{packageId}")
    @Operation(
            summary = "One care package with its status, provider and offers",
            description = "With asOf= the package as recorded up to that instant, folded from its events.")
    PackageView carePackage(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String packageId,
            @RequestParam(required = false) Instant asOf) {
        Caller caller = Callers.current();
        if (asOf != null) {
            return PackageFold.fold(history.upTo(StreamIds.carePackage(packageId), asOf), caller)
                    .orElseThrow(() -> new NotFoundException("unknown-package", "No package " + packageId + "."));
        }
        var query = caller.providerId() == null
                ? jdbc.sql(SELECT + " WHERE p.package_id = ?").param(packageId)
                : jdbc.sql(SELECT + " WHERE p.package_id = ? AND" + VISIBLE_TO_PROVIDER)
                        .params(packageId, caller.providerId(), caller.providerId());
        return query.query((rs, n) -> row(rs, caller))
                .optional()
                .orElseThrow(() -> new NotFoundException("unknown-package", "No package " + packageId + "."));
    }

    @GetMapping
    @Operation(summary = "Care packages, optionally of one provider or status")
    List<PackageView> packages(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) PackageStatus status) {
        Caller caller = Callers.current();
        var sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        var params = new java.util.ArrayList<Object>();
        if (caller.providerId() != null) {
            sql.append(" AND").append(VISIBLE_TO_PROVIDER);
            params.add(caller.providerId());
            params.add(caller.providerId());
        }
        if (providerId != null) {
            sql.append(" AND p.provider_id = ?");
            params.add(providerId);
        }
        if (status != null) {
            sql.append(" AND p.status = ?");
            params.add(status.name());
        }
        sql.append(" ORDER BY p.package_id");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> row(rs, caller))
                .list();
    }

    private PackageView row(ResultSet rs, Caller caller) throws SQLException {
        String packageId = rs.getString("package_id");
        // A provider sees its own offer, not who else the package was offered to.
        var offers = jdbc
                .sql(
                        """
                        SELECT provider_id, outcome, decline_reason, decline_note FROM package_offer_view
                        WHERE package_id = ? ORDER BY offered_at, provider_id""")
                .param(packageId)
                .query((o, n) -> new Offer(
                        o.getString("provider_id"),
                        o.getString("outcome"),
                        o.getString("decline_reason"),
                        o.getString("decline_note")))
                .list()
                .stream()
                .filter(offer -> caller.mayActFor(offer.providerId()))
                .toList();
        return new PackageView(
                packageId,
                rs.getString("client_ref"),
                rs.getString("zone"),
                rs.getInt("weekly_minutes"),
                rs.getInt("hourly_rate_pence"),
                rs.getBoolean("time_banking"),
                Sql.date(rs, "starts_on"),
                Sql.date(rs, "ends_on"),
                PackageStatus.valueOf(rs.getString("status")),
                rs.getString("provider_id"),
                offers);
    }
}
