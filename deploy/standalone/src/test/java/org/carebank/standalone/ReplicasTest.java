package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two service instances on one PostgreSQL database, as two query replicas behind a load balancer: a dashboard on
 * either hears of every change, whichever instance's projection processed it (LISTEN/NOTIFY), and a client's rate
 * limit is one limit across both (Bucket4j's PostgreSQL back end).
 */
class ReplicasTest {

    private static final Logger log = LoggerFactory.getLogger(ReplicasTest.class);
    private static final int PER_MINUTE = 40;

    private static RunningService first;
    private static RunningService second;

    @BeforeAll
    static void start() {
        // The test profile lifts the limit for the other tests; these two count for real.
        String limit = "--carebank.rate-limit.requests-per-minute=" + PER_MINUTE;
        first = RunningService.start("replicas", limit);
        second = RunningService.start("replicas", limit);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    @DisplayName("a dashboard on either replica hears of a change the other's projection committed; latency printed")
    void liveUpdatesReachEveryReplica() throws Exception {
        // The dashboards' projection has one segment: one replica processes it, the other only hears of it.
        org.awaitility.Awaitility.await("one replica holds the dashboards' segment")
                .atMost(Duration.ofSeconds(30))
                .until(() -> segmentsHeld(first) + segmentsHeld(second) == 1);
        try (var onFirst = LiveStream.open(first.port(), "council");
                var onSecond = LiveStream.open(second.port(), "council")) {
            var latencies = new ArrayList<Long>();
            for (int i = 0; i < 5; i++) {
                onFirst.drain();
                onSecond.drain();
                String clientRef = ApiTestSupport.unique("C");
                long sent = System.nanoTime();
                var opened = first.as("council")
                        .post(
                                "/api/v1/clients/" + clientRef + "/time-bank/adjustments",
                                Map.of("adjustmentId", "opening", "minutes", 10, "reason", "opening balance"));
                assertThat(opened.status()).as(opened.text()).isEqualTo(201);
                long acknowledged = System.nanoTime();
                assertThat(onSecond.awaitChanged("performance", Duration.ofSeconds(20)))
                        .as("the second replica's dashboard hears of it")
                        .isTrue();
                long heard = System.nanoTime();
                assertThat(onFirst.awaitChanged("performance", Duration.ofSeconds(20)))
                        .as("and the first's")
                        .isTrue();
                // From sending the command: the news may arrive before the 201 has been read.
                latencies.add(TimeUnit.NANOSECONDS.toMillis(heard - sent));
                log.info(
                        "Live update {}: command acknowledged after {} ms, heard on the other replica after {} ms",
                        i,
                        TimeUnit.NANOSECONDS.toMillis(acknowledged - sent),
                        TimeUnit.NANOSECONDS.toMillis(heard - sent));
            }
            System.out.println("LIVE-UPDATE LATENCY across replicas (ms from sending the command to the other"
                    + " replica's stream hearing of it): " + latencies);
        }
    }

    @Test
    @DisplayName("a client's requests to both replicas draw on one bucket: the limit holds once, not once per replica")
    void rateLimitSharedAcrossReplicas() {
        var onFirst = first.as("auditor");
        var onSecond = second.as("auditor");
        int accepted = 0;
        int refusedBySecond = 0;
        long started = System.nanoTime();
        for (int i = 0; i < PER_MINUTE; i++) {
            for (var api : List.of(onFirst, onSecond)) {
                var response = api.get("/api/v1/providers");
                if (response.status() == 200) {
                    accepted++;
                } else {
                    assertThat(response.status()).isEqualTo(429);
                    assertThat(response.problemType()).isEqualTo("/problems/rate-limited");
                    if (api == onSecond) {
                        refusedBySecond++;
                    }
                }
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
        // Each replica counting alone would accept all 2 x 40; one shared bucket accepts 40 and its refill meanwhile.
        assertThat(accepted)
                .isGreaterThanOrEqualTo(PER_MINUTE)
                .isLessThanOrEqualTo(PER_MINUTE + (int) (seconds * PER_MINUTE / 60) + 1);
        assertThat(refusedBySecond).as("the second replica refuses too").isPositive();
        assertThat(first.as("council").get("/api/v1/providers").status())
                .as("another client has a bucket of its own")
                .isEqualTo(200);
    }

    private static int segmentsHeld(RunningService service) {
        return service.bean(org.axonframework.config.EventProcessingConfiguration.class)
                .eventProcessor("performance-views", org.axonframework.eventhandling.StreamingEventProcessor.class)
                .orElseThrow()
                .processingStatus()
                .size();
    }

    /** A dashboard's /api/v1/live stream, read line by line on a thread of its own. */
    private static final class LiveStream implements AutoCloseable {

        private final BlockingQueue<String> changed = new LinkedBlockingQueue<>();
        private final Thread reader;
        private volatile Stream<String> lines;

        private LiveStream(HttpRequest request) {
            reader = new Thread(() -> read(request), "live-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static LiveStream open(int port, String user) throws InterruptedException {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/live"))
                    .header("Accept", "text/event-stream")
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .build();
            var stream = new LiveStream(request);
            assertThat(stream.changed.poll(20, TimeUnit.SECONDS))
                    .as("the stream says hello")
                    .isEqualTo("hello:listening");
            return stream;
        }

        private void read(HttpRequest request) {
            try {
                var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
                lines = response.body();
                String[] event = {null};
                lines.forEach(line -> {
                    if (line.startsWith("event:")) {
                        event[0] = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:") && event[0] != null) {
                        changed.add(event[0] + ":"
                                + line.substring("data:".length()).trim());
                        event[0] = null;
                    }
                });
            } catch (Exception closed) {
                // the test is over
            }
        }

        void drain() {
            changed.clear();
        }

        boolean awaitChanged(String view, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                String next = changed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (("changed:" + view).equals(next)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            if (lines != null) {
                lines.close();
            }
            reader.interrupt();
        }
    }
}
