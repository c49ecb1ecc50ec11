package org.carebank.query.carepackage;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.carepackage.PackageView.Offer;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The package view's tables: {@code package_view}, one row per package, and {@code package_offer_view}, one row per
 * provider it was offered to. Holds no rule: it stores and reads {@link PackageView}s whole.
 */
@Component
class PackageTable {

    private static final String SELECT =
            """
            SELECT package_id, client_ref, zone, weekly_minutes, hourly_rate_pence, time_banking, starts_on, ends_on,
              status, provider_id FROM package_view p""";

    /** Packages a provider holds or was offered, for lists (a single package is checked by the view's own rule). */
    private static final String HELD_OR_OFFERED = " (p.provider_id = ? OR EXISTS (SELECT 1 FROM package_offer_view o"
            + " WHERE o.package_id = p.package_id AND o.provider_id = ?))";

    private final JdbcClient jdbc;

    PackageTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored packages of these ids, with all their offers. */
    Map<String, PackageView> byIds(Collection<String> packageIds) {
        if (packageIds.isEmpty()) {
            return Map.of();
        }
        var map = new HashMap<String, PackageView>();
        withOffers(jdbc.sql(SELECT + " WHERE p.package_id IN (" + placeholders(packageIds.size()) + ")")
                        .params(new ArrayList<Object>(packageIds)))
                .forEach(view -> map.put(view.packageId(), view));
        return map;
    }

    /** Packages by id, of one provider (held) or status when given, and only those a provider caller holds or was offered. */
    List<PackageView> list(String callerProviderId, String providerId, PackageStatus status) {
        var sql = new StringBuilder(SELECT + " WHERE 1 = 1");
        var params = new ArrayList<Object>();
        if (callerProviderId != null) {
            sql.append(" AND").append(HELD_OR_OFFERED);
            params.add(callerProviderId);
            params.add(callerProviderId);
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
        return withOffers(jdbc.sql(sql.toString()).params(params));
    }

    /** Writes {@code after} over {@code before} (null: a new package) at the end of the batch, as the event's writes. */
    void write(BatchedWrites writes, PackageView before, PackageView after, Instant at) {
        if (before == null) {
            writes.update(
                    """
                    INSERT INTO package_view (client_ref, zone, weekly_minutes, hourly_rate_pence, time_banking,
                      starts_on, ends_on, status, provider_id, updated_at, commissioned_at, package_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    columns(after, at, ts(at)));
        } else {
            writes.update(
                    """
                    UPDATE package_view SET client_ref = ?, zone = ?, weekly_minutes = ?, hourly_rate_pence = ?,
                      time_banking = ?, starts_on = ?, ends_on = ?, status = ?, provider_id = ?, updated_at = ?
                    WHERE package_id = ?""",
                    columns(after, at));
        }
        Map<String, Offer> earlier = new HashMap<>();
        if (before != null) {
            before.offers().forEach(offer -> earlier.put(offer.providerId(), offer));
        }
        for (Offer offer : after.offers()) {
            Offer was = earlier.get(offer.providerId());
            if (was == null) {
                writes.update(
                        """
                        INSERT INTO package_offer_view (outcome, decline_reason, decline_note, offered_at, package_id,
                          provider_id) VALUES (?, ?, ?, ?, ?, ?)""",
                        offerColumns(after.packageId(), offer));
            } else if (!Objects.equals(was, offer)) {
                writes.update(
                        """
                        UPDATE package_offer_view SET outcome = ?, decline_reason = ?, decline_note = ?, offered_at = ?
                        WHERE package_id = ? AND provider_id = ?""",
                        offerColumns(after.packageId(), offer));
            }
        }
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM package_offer_view").update();
        jdbc.sql("DELETE FROM package_view").update();
    }

    private static Object[] columns(PackageView view, Instant at, Object... more) {
        var columns = new ArrayList<Object>(Arrays.asList(
                view.clientRef(),
                view.zone(),
                view.weeklyMinutes(),
                view.hourlyRatePence(),
                view.timeBanking(),
                view.startsOn()));
        columns.add(view.endsOn());
        columns.add(view.status().name());
        columns.add(view.providerId());
        columns.add(ts(at));
        columns.addAll(List.of(more));
        columns.add(view.packageId());
        return columns.toArray();
    }

    private static Object[] offerColumns(String packageId, Offer offer) {
        return new Object[] {
            offer.outcome(),
            offer.declineReason(),
            offer.declineNote(),
            ts(offer.offeredAt()),
            packageId,
            offer.providerId()
        };
    }

    /** The packages a query selects, each with its offers (one query for all of them), in the query's order. */
    private List<PackageView> withOffers(JdbcClient.StatementSpec packages) {
        var rows = new LinkedHashMap<String, PackageView>();
        packages.query((rs, n) -> new PackageView(
                        rs.getString("package_id"),
                        rs.getString("client_ref"),
                        rs.getString("zone"),
                        rs.getInt("weekly_minutes"),
                        rs.getInt("hourly_rate_pence"),
                        rs.getBoolean("time_banking"),
                        Sql.date(rs, "starts_on"),
                        Sql.date(rs, "ends_on"),
                        PackageStatus.valueOf(rs.getString("status")),
                        rs.getString("provider_id"),
                        List.of()))
                .list()
                .forEach(view -> rows.put(view.packageId(), view));
        if (rows.isEmpty()) {
            return List.of();
        }
        var offers = new HashMap<String, List<Offer>>();
        jdbc.sql("SELECT package_id, provider_id, outcome, decline_reason, decline_note, offered_at"
                        + " FROM package_offer_view WHERE package_id IN (" + placeholders(rows.size()) + ")")
                .params(new ArrayList<Object>(rows.keySet()))
                .query(rs -> {
                    offers.computeIfAbsent(rs.getString("package_id"), id -> new ArrayList<>())
                            .add(new Offer(
                                    rs.getString("provider_id"),
                                    rs.getString("outcome"),
                                    rs.getString("decline_reason"),
                                    rs.getString("decline_note"),
                                    Sql.instant(rs, "offered_at")));
                });
        return rows.values().stream()
                .map(view ->
                        view.with(view.status(), view.providerId(), offers.getOrDefault(view.packageId(), List.of())))
                .toList();
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
