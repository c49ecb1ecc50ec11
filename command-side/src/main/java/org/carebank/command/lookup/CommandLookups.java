package org.carebank.command.lookup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.kernel.provider.ListStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of the command-side lookup tables. They are written by {@link CommandLookupProjector} in the same transaction
 * as the events they follow, so a command handler reading them sees every command committed before it.
 */
@Component
public class CommandLookups {

    private final JdbcClient jdbc;

    CommandLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ListStatus> providerStatus(String providerId) {
        return jdbc.sql("SELECT status FROM provider_lookup WHERE provider_id = ?")
                .param(providerId)
                .query((rs, n) -> ListStatus.valueOf(rs.getString(1)))
                .optional();
    }

    public Optional<String> workerProvider(String workerId) {
        return jdbc.sql("SELECT provider_id FROM worker_lookup WHERE worker_id = ?")
                .param(workerId)
                .query(String.class)
                .optional();
    }

    /** The day the worker left their provider, if they have. */
    public Optional<LocalDate> workerLeftOn(String workerId) {
        return jdbc.sql("SELECT left_on FROM worker_lookup WHERE worker_id = ? AND left_on IS NOT NULL")
                .param(workerId)
                .query((rs, n) -> rs.getDate(1).toLocalDate())
                .optional();
    }

    public Optional<PackageFacts> carePackage(String packageId) {
        return jdbc.sql(
                        """
                        SELECT package_id, client_ref, zone, status, provider_id, hourly_rate_pence, time_banking
                        FROM package_lookup WHERE package_id = ?""")
                .param(packageId)
                .query((rs, n) -> new PackageFacts(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        PackageStatus.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getBoolean(7)))
                .optional();
    }

    public Optional<BankableVisit> bankableVisit(String visitId) {
        return jdbc.sql(
                        """
                        SELECT v.visit_id, v.client_ref, v.provider_id, v.delivered, v.ended_early, v.unused_minutes,
                          v.ended_at, p.time_banking
                        FROM bankable_visit v JOIN package_lookup p ON p.package_id = v.package_id
                        WHERE v.visit_id = ?""")
                .param(visitId)
                .query((rs, n) -> {
                    Timestamp endedAt = rs.getTimestamp(7);
                    return new BankableVisit(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getBoolean(4),
                            rs.getBoolean(5),
                            rs.getInt(6),
                            endedAt == null ? null : endedAt.toInstant(),
                            rs.getBoolean(8));
                })
                .optional();
    }

    /** Whether the provider holds an active package of the client. */
    public boolean servesClient(String providerId, String clientRef) {
        return jdbc.sql("SELECT COUNT(*) FROM package_lookup WHERE provider_id = ? AND client_ref = ? AND status = ?")
                        .params(providerId, clientRef, PackageStatus.ACTIVE.name())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Locks the worker's row until the transaction ends, so two commands booking one worker run one after the other
     * and the second sees the first's booking.
     */
    public void lockWorker(String workerId) {
        jdbc.sql("SELECT worker_id FROM worker_lookup WHERE worker_id = ? FOR UPDATE")
                .param(workerId)
                .query(String.class)
                .optional();
    }

    /** A worker's booking into a visit, as the double-booking rule sees it. */
    public record Booking(String visitId, String workerId, Instant start, Instant end) {}

    /** The workers' bookings that overlap [from, to), earliest first: one read for all the workers of a roster. */
    public List<Booking> bookingsOverlapping(Collection<String> workerIds, Instant from, Instant to) {
        return jdbc.sql(
                        """
                        SELECT visit_id, worker_id, starts_at, ends_at FROM worker_booking
                        WHERE worker_id IN (:workers) AND starts_at < :to AND ends_at > :from
                        ORDER BY starts_at""")
                .param("workers", workerIds)
                .param("to", Timestamp.from(to))
                .param("from", Timestamp.from(from))
                .query((rs, n) -> new Booking(
                        rs.getString("visit_id"),
                        rs.getString("worker_id"),
                        rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant()))
                .list();
    }

    /** Another visit of the worker that overlaps [start, end), if any. */
    public Optional<String> overlappingVisit(String workerId, String visitId, Instant start, Instant end) {
        return jdbc.sql(
                        """
                        SELECT visit_id FROM worker_booking
                        WHERE worker_id = ? AND visit_id <> ? AND starts_at < ? AND ends_at > ?
                        ORDER BY starts_at FETCH FIRST 1 ROWS ONLY""")
                .params(workerId, visitId, Timestamp.from(end), Timestamp.from(start))
                .query(String.class)
                .optional();
    }
}
