package org.carebank.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.kernel.visit.VisitScheduled;

/**
 * The replay store's history, as the service would have recorded it: 20 providers, 5,000 clients and 5,000 workers
 * (about ten visits a day each, as in a real rota), half the visits delivered, some cancelled or missed, and time bank
 * deposits and draw-downs. The same seed gives the same history, so Carebank's store and the peer's hold the same
 * events. Visits are generated until at least the asked number of events is reached.
 */
final class StoreGenerator {

    interface Sink {
        void write(List<DomainEventMessage<?>> batch) throws Exception;
    }

    private final List<String> bankClients = new ArrayList<>();
    private int visits;

    List<String> bankClients() {
        return bankClients;
    }

    int visits() {
        return visits;
    }

    /**
     * Sends at least {@code events} events (or {@code maxVisits} visits' events, when that is not negative) to the sink
     * in batches of {@code batchSize}, printing progress every ten seconds. Answers the events written.
     */
    long generate(long events, int maxVisits, int batchSize, String label, Sink sink) throws Exception {
        var random = new Random(10);
        var batch = new ArrayList<DomainEventMessage<?>>();
        long appended = 0;
        var bankSequence = new LinkedHashMap<String, Long>();
        var openLots = new LinkedHashMap<String, String>();
        Instant origin = Instant.parse("2026-01-05T07:00:00Z");
        long started = System.nanoTime();
        long lastReport = started;
        int i = 0;
        while (maxVisits >= 0 ? i < maxVisits : appended + batch.size() < events) {
            String visitId = "store-v-" + i;
            String stream = "visit:" + visitId;
            String provider = "store-provider-" + (i % 20);
            String client = "STORE-C" + (i % 5000);
            String worker = "store-w-" + (i % 5000);
            Instant start = origin.plusSeconds(3600L * (i / 2000) + 60L * (i % 7));
            var meta = MetaData.from(new Caller(provider + "-roster", Role.PROVIDER, provider).toMetaData());
            var visitEvents = new ArrayList<Object>();
            visitEvents.add(new VisitScheduled(
                    visitId,
                    new VisitPlan("store-pkg-" + (i % 5000), worker, start, 45, i % 10 == 0, null, null, 10),
                    client,
                    provider,
                    "zone-" + (i % 8),
                    2400,
                    30,
                    120));
            double roll = random.nextDouble();
            boolean endedEarly = false;
            if (roll < 0.5) {
                Instant in = start.plusSeconds(60L * random.nextInt(40));
                endedEarly = random.nextInt(10) == 0;
                int delivered = endedEarly ? 30 : 44;
                // Delivered by the visit's own worker, for its own provider and client.
                visitEvents.add(JdbcBaselines.checkedIn(visitId, worker, in));
                visitEvents.add(JdbcBaselines.checkedOut(visitId, in.plusSeconds(delivered * 60L)));
                visitEvents.add(JdbcBaselines.delivered(visitId, provider, client, worker, in, delivered, endedEarly));
            } else if (roll < 0.55) {
                visitEvents.add(new VisitCancelled(
                        visitId,
                        provider,
                        worker,
                        CancellationInitiator.CLIENT,
                        "in hospital",
                        start.minusSeconds(86400),
                        start,
                        1440));
            } else if (roll < 0.57) {
                visitEvents.add(
                        new VisitMissed(visitId, provider, client, worker, start, 120, start.plusSeconds(7200)));
            }
            for (int seq = 0; seq < visitEvents.size(); seq++) {
                batch.add(new GenericDomainEventMessage<>("Visit", stream, seq, visitEvents.get(seq), meta));
            }
            if (endedEarly) {
                String bank = "timebank:" + client;
                long seq = bankSequence.merge(bank, 1L, Long::sum) - 1;
                String lot = "lot-" + visitId;
                batch.add(new GenericDomainEventMessage<>(
                        "TimeBank",
                        bank,
                        seq,
                        new UnusedTimeBanked(
                                client,
                                lot,
                                visitId,
                                provider,
                                15,
                                "client",
                                start,
                                start.plusSeconds(84 * 86400L),
                                15),
                        meta));
                if (openLots.containsKey(client)) {
                    long seq2 = bankSequence.merge(bank, 1L, Long::sum) - 1;
                    batch.add(new GenericDomainEventMessage<>(
                            "TimeBank",
                            bank,
                            seq2,
                            new TimeDrawnDown(
                                    client,
                                    "wd-" + visitId,
                                    15,
                                    "trip",
                                    null,
                                    start.plusSeconds(3600),
                                    List.of(new LotSpend(openLots.remove(client), 15)),
                                    15),
                            meta));
                } else {
                    openLots.put(client, lot);
                }
            }
            i++;
            if (batch.size() >= batchSize) {
                sink.write(batch);
                appended += batch.size();
                batch.clear();
                long now = System.nanoTime();
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    double rate = appended / ((now - started) / 1e9);
                    long target = maxVisits >= 0 ? (long) (appended * (double) maxVisits / i) : events;
                    System.out.printf(
                            Locale.ROOT,
                            "  %s: %,d of %,d events written, %.0f events/s, about %.0f s left%n",
                            label,
                            appended,
                            target,
                            rate,
                            Math.max(0, target - appended) / rate);
                }
            }
        }
        if (!batch.isEmpty()) {
            sink.write(batch);
            appended += batch.size();
        }
        visits = i;
        bankClients.clear();
        bankSequence.keySet().forEach(bank -> bankClients.add(bank.substring("timebank:".length())));
        return appended;
    }
}
