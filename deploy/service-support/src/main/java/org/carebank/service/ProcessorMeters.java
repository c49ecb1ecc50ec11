package org.carebank.service;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * An event processor's timers and counters, the same meters (names, tags, percentiles) as Axon's
 * {@code MessageTimerMonitor} and {@code MessageCountingMonitor}, looked up once per payload type instead of once per
 * message. Axon's monitors ask the registry for nine meters on every message they see; with ten projections that was
 * ninety registry lookups per replayed event, about a tenth of a rebuild's CPU in the processors' threads (profile in
 * docs/performance/README.md, 2026-12-02). A test holds the meters equal to Axon's.
 *
 * <p>The tags are taken as depending on the payload type only, which is what Axon's dimensional tags are (the payload
 * type's simple name).
 */
final class ProcessorMeters implements MessageMonitor<Message<?>> {

    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> tagsBuilder;
    private final Clock clock;
    private final Map<Class<?>, Meters> byPayloadType = new ConcurrentHashMap<>();

    ProcessorMeters(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tagsBuilder) {
        this.prefix = prefix;
        this.registry = registry;
        this.tagsBuilder = tagsBuilder;
        this.clock = registry.config().clock();
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = byPayloadType.computeIfAbsent(message.getPayloadType(), type -> meters(message));
        meters.ingested.increment();
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                meters.record(meters.successTimer, start);
                meters.success.increment();
                meters.processed.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                meters.record(meters.failureTimer, start);
                meters.failure.increment();
                meters.processed.increment();
            }

            @Override
            public void reportIgnored() {
                meters.record(meters.ignoredTimer, start);
                meters.ignored.increment();
            }
        };
    }

    private Meters meters(Message<?> message) {
        Iterable<Tag> tags = tagsBuilder.apply(message);
        return new Meters(
                clock,
                timer("allTimer", tags),
                timer("successTimer", tags),
                timer("failureTimer", tags),
                timer("ignoredTimer", tags),
                counter(".ingestedCounter", tags),
                counter(".successCounter", tags),
                counter(".failureCounter", tags),
                counter(".processedCounter", tags),
                counter(".ignoredCounter", tags));
    }

    private Timer timer(String name, Iterable<Tag> tags) {
        return Timer.builder(prefix + "." + name)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(PERCENTILES)
                .tags(tags)
                .register(registry);
    }

    private Counter counter(String name, Iterable<Tag> tags) {
        return registry.counter(prefix + name, tags);
    }

    private record Meters(
            Clock clock,
            Timer all,
            Timer successTimer,
            Timer failureTimer,
            Timer ignoredTimer,
            Counter ingested,
            Counter success,
            Counter failure,
            Counter processed,
            Counter ignored) {

        void record(Timer outcome, long start) {
            long nanos = clock.monotonicTime() - start;
            all.record(nanos, TimeUnit.NANOSECONDS);
            outcome.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
