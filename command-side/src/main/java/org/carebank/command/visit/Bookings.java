package org.carebank.command.visit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.command.lookup.CommandLookups.Booking;
import org.carebank.command.lookup.PackageFacts;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.visit.VisitPlan;

/**
 * What one unit of work reads from the command-side lookups while it books workers, remembered for the rest of it, and
 * the bookings it has made so far. The lookup tables only learn of this unit's visits when it commits, so a roster
 * checks each line against the store's bookings and against the lines it accepted before it. Nothing else writes the
 * package, provider and worker rows a unit of work has read: the events that change them are not part of it.
 */
final class Bookings {

    private final CommandLookups lookups;
    private final Map<String, Optional<PackageFacts>> packages = new HashMap<>();
    private final Map<String, Optional<ListStatus>> providers = new HashMap<>();
    private final Map<String, Optional<String>> employers = new HashMap<>();
    private final Map<String, Optional<LocalDate>> leavers = new HashMap<>();
    private final Set<String> lockedWorkers = new HashSet<>();
    private final Map<String, List<Booking>> made = new HashMap<>();
    private final Map<String, List<Booking>> stored = new HashMap<>();
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

    Optional<LocalDate> leftOn(String workerId) {
        return leavers.computeIfAbsent(workerId, lookups::workerLeftOn);
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
     * Locks the roster's workers in id order, then reads their stored bookings over the roster's span in one query: its
     * lines are then checked against them without a query each. Locked first, so no other unit can change them.
     */
    void readStored(List<VisitPlan> roster) {
        if (roster.isEmpty()) {
            return;
        }
        var workerIds = new TreeSet<>(roster.stream().map(VisitPlan::workerId).toList());
        workerIds.forEach(this::lock);
        workerIds.forEach(workerId -> stored.put(workerId, new ArrayList<>()));
        storedFrom = roster.stream()
                .map(VisitPlan::plannedStart)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        storedTo = roster.stream()
                .map(VisitPlan::plannedEnd)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        lookups.bookingsOverlapping(workerIds, storedFrom, storedTo)
                .forEach(booking -> stored.get(booking.workerId()).add(booking));
    }

    /** Another visit of the worker overlapping [start, end): made earlier in this unit of work or already stored. */
    Optional<String> clash(String workerId, String visitId, Instant start, Instant end) {
        lock(workerId);
        var madeClash = firstOverlapping(made.getOrDefault(workerId, List.of()), visitId, start, end);
        if (madeClash.isPresent()) {
            return madeClash;
        }
        if (stored.containsKey(workerId) && !start.isBefore(storedFrom) && !end.isAfter(storedTo)) {
            // earliest first, as the query below answers
            return firstOverlapping(stored.get(workerId), visitId, start, end);
        }
        return lookups.overlappingVisit(workerId, visitId, start, end);
    }

    private static Optional<String> firstOverlapping(
            List<Booking> bookings, String visitId, Instant start, Instant end) {
        return bookings.stream()
                .filter(booking -> !booking.visitId().equals(visitId)
                        && booking.start().isBefore(end)
                        && start.isBefore(booking.end()))
                .map(Booking::visitId)
                .findFirst();
    }

    void booked(String workerId, String visitId, Instant start, Instant end) {
        made.computeIfAbsent(workerId, w -> new ArrayList<>()).add(new Booking(visitId, workerId, start, end));
    }
}
