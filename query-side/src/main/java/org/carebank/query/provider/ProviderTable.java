package org.carebank.query.provider;

import static org.carebank.query.web.Sql.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.provider.ProviderView.Cqc;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The provider view's tables: {@code provider_view} with {@code provider_zone_view}, read and written as whole {@link
 * ProviderView}s, and {@code worker_view}, the workers providers registered. Holds no rule.
 */
@Component
class ProviderTable {

    private static final String SELECT =
            """
            SELECT provider_id, name, status, cqc_overall, cqc_safe, cqc_effective, cqc_caring, cqc_responsive,
              cqc_well_led, cqc_inspected_on, admitted_at, status_changed_at
            FROM provider_view""";

    private final JdbcClient jdbc;

    ProviderTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored providers of these ids, by id. */
    Map<String, ProviderView> byIds(Collection<String> providerIds) {
        if (providerIds.isEmpty()) {
            return Map.of();
        }
        var map = new HashMap<String, ProviderView>();
        withZones(jdbc.sql(SELECT + " WHERE provider_id IN (" + placeholders(providerIds.size()) + ")")
                        .params(new ArrayList<Object>(providerIds)))
                .forEach(view -> map.put(view.providerId(), view));
        return map;
    }

    /** Every provider, by id. */
    List<ProviderView> all() {
        return withZones(jdbc.sql(SELECT + " ORDER BY provider_id"));
    }

    List<WorkerView> workers(String providerId) {
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

    /** Writes {@code after} over {@code before} (null: a new provider) at the end of the batch, as the event's writes. */
    void write(BatchedWrites writes, ProviderView before, ProviderView after) {
        Cqc cqc = after.cqc();
        Object[] columns = {
            after.name(),
            after.status().name(),
            cqc.overall().name(),
            cqc.safe().name(),
            cqc.effective().name(),
            cqc.caring().name(),
            cqc.responsive().name(),
            cqc.wellLed().name(),
            cqc.inspectedOn(),
            ts(after.admittedAt()),
            ts(after.statusChangedAt()),
            after.providerId()
        };
        if (before == null) {
            writes.update(
                    """
                    INSERT INTO provider_view (name, status, cqc_overall, cqc_safe, cqc_effective, cqc_caring,
                      cqc_responsive, cqc_well_led, cqc_inspected_on, admitted_at, status_changed_at, provider_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    columns);
        } else {
            writes.update(
                    """
                    UPDATE provider_view SET name = ?, status = ?, cqc_overall = ?, cqc_safe = ?, cqc_effective = ?,
                      cqc_caring = ?, cqc_responsive = ?, cqc_well_led = ?, cqc_inspected_on = ?, admitted_at = ?,
                      status_changed_at = ?
                    WHERE provider_id = ?""",
                    columns);
        }
        List<String> zonesBefore = before == null ? List.of() : before.zones();
        for (String zone : zonesBefore) {
            if (!after.zones().contains(zone)) {
                writes.update(
                        "DELETE FROM provider_zone_view WHERE provider_id = ? AND zone = ?", after.providerId(), zone);
            }
        }
        for (String zone : after.zones()) {
            if (!zonesBefore.contains(zone)) {
                writes.update(
                        "INSERT INTO provider_zone_view (provider_id, zone) VALUES (?, ?)", after.providerId(), zone);
            }
        }
    }

    void write(BatchedWrites writes, WorkerRegistered event, Instant at) {
        writes.update(
                """
                INSERT INTO worker_view (worker_id, provider_id, contract_type, travel_mode, hourly_pay_pence,
                  registered_at) VALUES (?, ?, ?, ?, ?, ?)""",
                event.workerId(),
                event.providerId(),
                event.contractType().name(),
                event.travelMode().name(),
                event.hourlyPayPence(),
                ts(at));
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM worker_view").update();
        jdbc.sql("DELETE FROM provider_zone_view").update();
        jdbc.sql("DELETE FROM provider_view").update();
    }

    /** The providers a query selects, each with its zones (one query for all of them), in the query's order. */
    private List<ProviderView> withZones(JdbcClient.StatementSpec providers) {
        var rows = new LinkedHashMap<String, ProviderView>();
        providers.query(ProviderTable::row).list().forEach(view -> rows.put(view.providerId(), view));
        if (rows.isEmpty()) {
            return List.of();
        }
        var zones = new HashMap<String, List<String>>();
        jdbc.sql("SELECT provider_id, zone FROM provider_zone_view WHERE provider_id IN (" + placeholders(rows.size())
                        + ")")
                .params(new ArrayList<Object>(rows.keySet()))
                .query(rs -> {
                    zones.computeIfAbsent(rs.getString("provider_id"), id -> new ArrayList<>())
                            .add(rs.getString("zone"));
                });
        return rows.values().stream()
                .map(view -> new ProviderView(
                        view.providerId(),
                        view.name(),
                        zones.getOrDefault(view.providerId(), List.of()).stream()
                                .sorted()
                                .toList(),
                        view.status(),
                        view.cqc(),
                        view.admittedAt(),
                        view.statusChangedAt()))
                .toList();
    }

    private static ProviderView row(ResultSet rs, int rowNumber) throws SQLException {
        return new ProviderView(
                rs.getString("provider_id"),
                rs.getString("name"),
                List.of(),
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

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
