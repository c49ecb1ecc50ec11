package org.carebank.command.visit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.command.lookup.PackageFacts;
import org.carebank.kernel.provider.ListStatus;

/**
 * What one unit of work reads from the command-side lookups while it books workers, remembered for the rest of it, and
 * the bookings it has made so far. The lookup tables only learn of this unit's visits when it commits, so a roster
 * checks each line against the store's bookings and against the lines it accepted before it. Nothing else writes the
 * package, provider and worker rows a unit of work has read: the events that change them are not part of it.
 */
final class Bookings {

    private record Booking(String visitId, Instant start, Instant end) {}

    private final CommandLookups lookups;
    private final Map<String, Optional<PackageFacts>> packages = new HashMap<>();
    private final Map<String, Optional<ListStatus>> providers = new HashMap<>();
    private final Map<String, Optional<String>> employers = new HashMap<>();
    private final Set<String> lockedWorkers = new HashSet<>();
    private final Map<String, List<Booking>> made = new HashMap<>();
    private final Map<String, List<CommandLookups.Booking>> stored = new HashMap<>();
    private Instant storedFrom;
    private Instant storedTo;

    Bookings(CommandLookups lookups) {
        this.lookups = lookups;
    }

    Optional<PackageFacts> carePackage(String packageId) {
        return packages.computeIfAbsent(packageId, lookups::carePackage);
    }

    Optional<ListStatus> providerStatus(String providerId) {
        return providers.computeIfAbsent(providerId, lookups::providerStatus);
    }

    Optional<String> employer(String workerId) {
        return employers.computeIfAbsent(workerId, lookups::workerProvider);
    }

    /**
     * Locks the worker's row until the transaction ends (once per unit of work), so two units booking one worker run
     * one after the other and the second sees the first's bookings.
     */
    void lock(String workerId) {
        if (lockedWorkers.add(workerId)) {
            lookups.lockWorker(workerId);
        }
    }

    /**
     * Locks the workers in id order, then reads their stored bookings overlapping [from, to) in one query: a roster's
     * lines are then checked against them without a query each. Locked first, so no other unit can change them.
     */
    void readStored(SortedSet<String> workerIds, Instant from, Instant to) {
        workerIds.forEach(this::lock);
        workerIds.forEach(workerId -> stored.put(workerId, new ArrayList<>()));
        lookups.bookingsOverlapping(workerIds, from, to)
                .forEach(booking -> stored.get(booking.workerId()).add(booking));
        storedFrom = from;
        storedTo = to;
    }

    /** Another visit of the worker overlapping [start, end): made earlier in this unit of work or already stored. */
    Optional<String> clash(String workerId, String visitId, Instant start, Instant end) {
        lock(workerId);
        for (Booking booking : made.getOrDefault(workerId, List.of())) {
            if (!booking.visitId().equals(visitId) && booking.start().isBefore(end) && start.isBefore(booking.end())) {
                return Optional.of(booking.visitId());
            }
        }
        if (stored.containsKey(workerId) && !start.isBefore(storedFrom) && !end.isAfter(storedTo)) {
            return stored.get(workerId).stream() // earliest first, as the query below answers
                    .filter(booking -> !booking.visitId().equals(visitId)
                            && booking.start().isBefore(end)
                            && start.isBefore(booking.end()))
                    .map(CommandLookups.Booking::visitId)
                    .findFirst();
        }
        return lookups.overlappingVisit(workerId, visitId, start, end);
    }

    void booked(String workerId, String visitId, Instant start, Instant end) {
        made.computeIfAbsent(workerId, w -> new ArrayList<>()).add(new Booking(visitId, start, end));
    }
}
