package org.carebank.command.lookup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carebank.kernel.provider.ListStatus;

/**
 * In-memory stand-in for the command-side lookup tables, for aggregate fixture tests. It answers the same questions
 * {@link CommandLookups} answers from SQL, with the same overlap rule for bookings: another visit of the worker whose
 * [start, end) intersects the requested one.
 */
public class StubCommandLookups extends CommandLookups {

    private record Booking(String workerId, Instant start, Instant end) {}

    private record Serving(String providerId, String clientRef) {}

    private final Map<String, ListStatus> providers = new HashMap<>();
    private final Map<String, String> workers = new HashMap<>();
    private final Map<String, LocalDate> leavers = new HashMap<>();
    private final Map<String, PackageFacts> packages = new HashMap<>();
    private final Map<String, Booking> bookings = new HashMap<>();
    private final Map<String, BankableVisit> bankableVisits = new HashMap<>();
    private final Set<Serving> servedClients = new HashSet<>();

    public StubCommandLookups() {
        super(null); // every query is answered from memory: no JdbcClient is used
    }

    public StubCommandLookups provider(String providerId, ListStatus status) {
        providers.put(providerId, status);
        return this;
    }

    public StubCommandLookups worker(String workerId, String providerId) {
        workers.put(workerId, providerId);
        return this;
    }

    public StubCommandLookups workerLeft(String workerId, LocalDate leftOn) {
        leavers.put(workerId, leftOn);
        return this;
    }

    @Override
    public Optional<LocalDate> workerLeftOn(String workerId) {
        return Optional.ofNullable(leavers.get(workerId));
    }

    public StubCommandLookups carePackage(PackageFacts facts) {
        packages.put(facts.packageId(), facts);
        return this;
    }

    public StubCommandLookups booking(String visitId, String workerId, Instant start, Instant end) {
        bookings.put(visitId, new Booking(workerId, start, end));
        return this;
    }

    public StubCommandLookups bankableVisit(BankableVisit visit) {
        bankableVisits.put(visit.visitId(), visit);
        return this;
    }

    /** The provider holds an active package of the client, so {@link #servesClient} answers true for the pair. */
    public StubCommandLookups serves(String providerId, String clientRef) {
        servedClients.add(new Serving(providerId, clientRef));
        return this;
    }

    @Override
    public Optional<ListStatus> providerStatus(String providerId) {
        return Optional.ofNullable(providers.get(providerId));
    }

    @Override
    public Optional<String> workerProvider(String workerId) {
        return Optional.ofNullable(workers.get(workerId));
    }

    @Override
    public Optional<PackageFacts> carePackage(String packageId) {
        return Optional.ofNullable(packages.get(packageId));
    }

    @Override
    public void lockWorker(String workerId) {
        // a single-threaded test has nothing to lock against
    }

    @Override
    public Optional<String> overlappingVisit(String workerId, String visitId, Instant start, Instant end) {
        return bookings.entrySet().stream()
                .filter(e -> !e.getKey().equals(visitId))
                .filter(e -> e.getValue().workerId().equals(workerId))
                .filter(e ->
                        e.getValue().start().isBefore(end) && e.getValue().end().isAfter(start))
                .sorted(Map.Entry.comparingByValue((a, b) -> a.start().compareTo(b.start())))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public java.util.List<CommandLookups.Booking> bookingsOverlapping(
            java.util.Collection<String> workerIds, Instant from, Instant to) {
        return bookings.entrySet().stream()
                .filter(e -> workerIds.contains(e.getValue().workerId()))
                .filter(e ->
                        e.getValue().start().isBefore(to) && e.getValue().end().isAfter(from))
                .map(e -> new CommandLookups.Booking(
                        e.getKey(),
                        e.getValue().workerId(),
                        e.getValue().start(),
                        e.getValue().end()))
                .sorted((a, b) -> a.start().compareTo(b.start()))
                .toList();
    }

    @Override
    public Optional<BankableVisit> bankableVisit(String visitId) {
        return Optional.ofNullable(bankableVisits.get(visitId));
    }

    @Override
    public boolean servesClient(String providerId, String clientRef) {
        return servedClients.contains(new Serving(providerId, clientRef));
    }
}
