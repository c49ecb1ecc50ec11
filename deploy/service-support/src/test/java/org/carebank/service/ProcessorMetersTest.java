package org.carebank.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProcessorMetersTest {

    private static final Function<Message<?>, Iterable<Tag>> BY_PAYLOAD_TYPE =
            message -> Tags.of("payloadType", message.getPayloadType().getSimpleName());

    private record Scheduled(String id) {}

    private record Delivered(String id) {}

    @Test
    @DisplayName("an event processor's meters are Axon's: the same names, tags, percentiles and counts per outcome")
    void sameMetersAsAxons() {
        var axons = new SimpleMeterRegistry();
        var ours = new SimpleMeterRegistry();
        feed(new MultiMessageMonitor<>(List.of(
                MessageTimerMonitor.buildMonitor("visit-views", axons, BY_PAYLOAD_TYPE),
                MessageCountingMonitor.buildMonitor("visit-views", axons, BY_PAYLOAD_TYPE))));
        feed(new ProcessorMeters("visit-views", ours, BY_PAYLOAD_TYPE));

        assertThat(snapshot(ours)).isEqualTo(snapshot(axons));
        assertThat(ours.get("visit-views.successCounter")
                        .tags("payloadType", "Scheduled")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(ours.get("visit-views.processedCounter")
                        .tags("payloadType", "Delivered")
                        .counter()
                        .count())
                .as("a success and a failure are processed, an ignored message is not")
                .isEqualTo(2);
    }

    /** Three scheduled visits handled, and of two deliveries one handled, one failed; one of each type ignored. */
    private static void feed(MessageMonitor<? super Message<?>> monitor) {
        for (int i = 0; i < 3; i++) {
            monitor.onMessageIngested(GenericEventMessage.asEventMessage(new Scheduled("v-" + i)))
                    .reportSuccess();
        }
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(new Delivered("v-0")))
                .reportSuccess();
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(new Delivered("v-1")))
                .reportFailure(new IllegalStateException("refused"));
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(new Scheduled("v-9")))
                .reportIgnored();
        monitor.onMessageIngested(GenericEventMessage.asEventMessage(new Delivered("v-9")))
                .reportIgnored();
    }

    /** Every meter's id with its count (timers: how many recorded; counters: the count), ignoring the times. */
    private static Map<String, Object> snapshot(MeterRegistry registry) {
        var meters = new TreeMap<String, Object>();
        for (Meter meter : registry.getMeters()) {
            var counts = StreamSupport.stream(meter.measure().spliterator(), false)
                    .filter(m -> m.getStatistic().name().equals("COUNT"))
                    .map(m -> m.getValue())
                    .toList();
            meters.put(
                    meter.getId().getName()
                            + meter.getId().getTags()
                            + meter.getId().getType(),
                    counts);
        }
        return meters;
    }
}
