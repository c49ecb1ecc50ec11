package org.carebank.query.provider;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.TravelMode;
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
@RequestMapping("/api/v1/providers")
@Tag(name = "Providers, workers, packages")
@ReadsProjection(ProviderProjection.PROCESSING_GROUP)
class ProviderQueryController {

    record Cqc(
            CqcRating overall,
            CqcRating safe,
            CqcRating effective,
            CqcRating caring,
            CqcRating responsive,
            CqcRating wellLed,
            LocalDate inspectedOn) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ProviderView(
            String providerId,
            String name,
            List<String> zones,
            ListStatus status,
            Cqc cqc,
            Instant admittedAt,
            Instant statusChangedAt) {}

    record WorkerView(
            String workerId, String providerId, ContractType contractType, TravelMode travelMode, int hourlyPayPence) {}

    private static final String SELECT_PROVIDER =
            """
            SELECT provider_id, name, status, cqc_overall, cqc_safe, cqc_effective, cqc_caring, cqc_responsive,
              cqc_well_led, cqc_inspected_on, admitted_at, status_changed_at
            FROM provider_view""";

    private final JdbcClient jdbc;
    private final UpcastEventReader history;

    ProviderQueryController(JdbcClient jdbc, UpcastEventReader history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    @GetMapping
    @Operation(summary = "Providers on the approved list (a provider user sees its own only)")
    List<ProviderView> providers() {
        Caller caller = Callers.current();
        var query = caller.providerId() == null
                ? jdbc.sql(SELECT_PROVIDER + " ORDER BY provider_id")
                : jdbc.sql(SELECT_PROVIDER + " WHERE provider_id = ?").param(caller.providerId());
        return query.query(this::row).list();
    }

    @GetMapping("/{providerId}")
    @Operation(
            summary = "One provider: list status and CQC ratings",
            description = "With asOf= the provider as recorded up to that instant, folded from its events.")
    ProviderView provider(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) Instant asOf) {
        if (asOf != null) {
            if (!Callers.current().mayActFor(providerId)) {
                throw unknown(providerId);
            }
            return ProviderFold.fold(history.upTo(StreamIds.provider(providerId), asOf))
                    .orElseThrow(() -> unknown(providerId));
        }
        return visible(providerId);
    }

    @GetMapping("/{providerId}/workers")
    @Operation(summary = "The provider's registered workers")
    List<WorkerView> workers(@PathVariable @Pattern(regexp = Ids.PATTERN) String providerId) {
        visible(providerId);
        return jdbc.sql(
                        """
                        SELECT worker_id, provider_id, contract_type, travel_mode, hourly_pay_pence
                        FROM worker_view WHERE provider_id = ? ORDER BY worker_id""")
                .param(providerId)
                .query((rs, n) -> new WorkerView(
                        rs.getString("worker_id"),
                        rs.getString("provider_id"),
                        ContractType.valueOf(rs.getString("contract_type")),
                        TravelMode.valueOf(rs.getString("travel_mode")),
                        rs.getInt("hourly_pay_pence")))
                .list();
    }

    private ProviderView visible(String providerId) {
        if (!Callers.current().mayActFor(providerId)) {
            throw unknown(providerId);
        }
        return jdbc.sql(SELECT_PROVIDER + " WHERE provider_id = ?")
                .param(providerId)
                .query(this::row)
                .optional()
                .orElseThrow(() -> unknown(providerId));
    }

    private static NotFoundException unknown(String providerId) {
        return new NotFoundException("unknown-provider", "No provider " + providerId + ".");
    }

    private ProviderView row(java.sql.ResultSet rs, int rowNumber) throws java.sql.SQLException {
        String providerId = rs.getString("provider_id");
        List<String> zones = jdbc.sql("SELECT zone FROM provider_zone_view WHERE provider_id = ? ORDER BY zone")
                .param(providerId)
                .query(String.class)
                .list();
        return new ProviderView(
                providerId,
                rs.getString("name"),
                zones,
                ListStatus.valueOf(rs.getString("status")),
                new Cqc(
                        CqcRating.valueOf(rs.getString("cqc_overall")),
                        CqcRating.valueOf(rs.getString("cqc_safe")),
                        CqcRating.valueOf(rs.getString("cqc_effective")),
                        CqcRating.valueOf(rs.getString("cqc_caring")),
                        CqcRating.valueOf(rs.getString("cqc_responsive")),
                        CqcRating.valueOf(rs.getString("cqc_well_led")),
                        Sql.date(rs, "cqc_inspected_on")),
                Sql.instant(rs, "admitted_at"),
                Sql.instant(rs, "status_changed_at"));
    }
}
