package org.carebank.query.unmetneed;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.carebank.query.batch.BatchedWrites;
import org.carebank.query.unmetneed.PackageWaits.Response;
import org.carebank.query.unmetneed.PackageWaits.ResponseKind;
import org.carebank.query.unmetneed.PackageWaits.Wait;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The unmet need tables: stores and reads {@link PackageWaits} whole; holds no rule. */
@Component
class UnmetNeedTable {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    UnmetNeedTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored packages of these ids (ids without a row are left out). */
    Map<String, PackageWaits> byIds(Collection<String> packageIds) {
        var answer = new HashMap<String, PackageWaits>();
        var chunk = new ArrayList<String>(CHUNK);
        for (String id : packageIds) {
            chunk.add(id);
            if (chunk.size() == CHUNK) {
                load(chunk).forEach(p -> answer.put(p.packageId(), p));
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            load(chunk).forEach(p -> answer.put(p.packageId(), p));
        }
        return answer;
    }

    /** Packages (of the zone, when given) with a wait that overlaps [from, until]: waiting then or placed since from. */
    List<PackageWaits> overlapping(Instant from, Instant until, String zone) {
        var ids = jdbc.sql(
                        """
                        SELECT DISTINCT w.package_id FROM unmet_need_wait w
                        JOIN unmet_need_package p ON p.package_id = w.package_id
                        WHERE w.waiting_since <= :until AND (w.placed_at IS NULL OR w.placed_at >= :from)
                          AND (CAST(:zone AS VARCHAR(64)) IS NULL OR p.zone = :zone)""")
                .param("until", ts(until))
                .param("from", ts(from))
                .param("zone", zone)
                .query(String.class)
                .list();
        return new ArrayList<>(byIds(ids).values());
    }

    /** The zones of the packages commissioned by {@code asOf}, or just {@code zone} when given and known. */
    List<String> zones(Instant asOf, String zone) {
        return jdbc.sql(
                        """
                        SELECT DISTINCT zone FROM unmet_need_package WHERE commissioned_at <= :asOf
                          AND (CAST(:zone AS VARCHAR(64)) IS NULL OR zone = :zone) ORDER BY zone""")
                .param("asOf", ts(asOf))
                .param("zone", zone)
                .query(String.class)
                .list();
    }

    private List<PackageWaits> load(List<String> ids) {
        var responses = new HashMap<String, List<Response>>();
        jdbc.sql(
                        """
                        SELECT package_id, wait_number, provider_id, kind, reason, responded_at FROM unmet_need_response
                        WHERE package_id IN (:ids) ORDER BY package_id, wait_number, response_number""")
                .param("ids", ids)
                .query(rs -> {
                    responses
                            .computeIfAbsent(rs.getString(1) + "#" + rs.getInt(2), k -> new ArrayList<>())
                            .add(new Response(
                                    rs.getString(3),
                                    ResponseKind.valueOf(rs.getString(4)),
                                    rs.getString(5),
                                    rs.getTimestamp(6).toInstant()));
                });
        var waits = new HashMap<String, List<Wait>>();
        jdbc.sql(
                        """
                        SELECT package_id, wait_number, waiting_since, placed_at, placed_with, after_hand_back
                        FROM unmet_need_wait WHERE package_id IN (:ids) ORDER BY package_id, wait_number""")
                .param("ids", ids)
                .query(rs -> {
                    var placedAt = rs.getTimestamp(4);
                    waits.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Wait(
                                    rs.getInt(2),
                                    rs.getTimestamp(3).toInstant(),
                                    placedAt == null ? null : placedAt.toInstant(),
                                    rs.getString(5),
                                    rs.getBoolean(6),
                                    responses.getOrDefault(rs.getString(1) + "#" + rs.getInt(2), List.of())));
                });
        var packages = new LinkedHashMap<String, PackageWaits>();
        jdbc.sql(
                        """
                        SELECT package_id, client_ref, zone, weekly_minutes, commissioned_at FROM unmet_need_package
                        WHERE package_id IN (:ids) ORDER BY package_id""")
                .param("ids", ids)
                .query(rs -> {
                    String id = rs.getString(1);
                    packages.put(
                            id,
                            new PackageWaits(
                                    id,
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getInt(4),
                                    rs.getTimestamp(5).toInstant(),
                                    waits.getOrDefault(id, List.of())));
                });
        return new ArrayList<>(packages.values());
    }

    /** Writes {@code after} over {@code before} (null: a new package) at the end of the batch. */
    void write(BatchedWrites writes, PackageWaits before, PackageWaits after) {
        if (before == null) {
            writes.update(
                    """
                    INSERT INTO unmet_need_package (package_id, client_ref, zone, weekly_minutes, commissioned_at)
                    VALUES (?, ?, ?, ?, ?)""",
                    after.packageId(),
                    after.clientRef(),
                    after.zone(),
                    after.weeklyMinutes(),
                    ts(after.commissionedAt()));
        }
        for (Wait wait : after.waits()) {
            Wait was = before == null || before.waits().size() < wait.number()
                    ? null
                    : before.waits().get(wait.number() - 1);
            if (was == null) {
                writes.update(
                        """
                        INSERT INTO unmet_need_wait (package_id, wait_number, waiting_since, placed_at, placed_with,
                          after_hand_back) VALUES (?, ?, ?, ?, ?, ?)""",
                        after.packageId(),
                        wait.number(),
                        ts(wait.since()),
                        wait.placedAt() == null ? null : ts(wait.placedAt()),
                        wait.placedWith(),
                        wait.afterHandBack());
            } else if (!Objects.equals(was.placedAt(), wait.placedAt())) {
                writes.update(
                        "UPDATE unmet_need_wait SET placed_at = ?, placed_with = ? WHERE package_id = ? AND wait_number = ?",
                        ts(wait.placedAt()),
                        wait.placedWith(),
                        after.packageId(),
                        wait.number());
            }
            int known = was == null ? 0 : was.responses().size();
            for (int i = known; i < wait.responses().size(); i++) {
                Response response = wait.responses().get(i);
                writes.update(
                        """
                        INSERT INTO unmet_need_response (package_id, wait_number, response_number, provider_id, kind,
                          reason, responded_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                        after.packageId(),
                        wait.number(),
                        i + 1,
                        response.providerId(),
                        response.kind().name(),
                        response.reason(),
                        ts(response.at()));
            }
        }
    }

    void deleteAll() {
        jdbc.sql("DELETE FROM unmet_need_response").update();
        jdbc.sql("DELETE FROM unmet_need_wait").update();
        jdbc.sql("DELETE FROM unmet_need_package").update();
    }
}
