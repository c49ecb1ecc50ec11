package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stop is quick and clean: the packaged service on its default H2 file store, with a dashboard's live stream open
 * and its projections busy, gets SIGTERM. It exits within seconds (it waited 34 s on the stream), the stream is
 * ended by the server rather than cut, and the log holds no ERROR and no stack trace (H2's own shutdown hook used to
 * close the database under the running processors: "Database is already closed").
 */
class ShutdownIT {

    private static final String AUTH =
            "Basic " + Base64.getEncoder().encodeToString("council:council".getBytes(StandardCharsets.UTF_8));
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Test
    @DisplayName("SIGTERM with a live stream open: exits within 15 s, stream completed, no ERROR in the log")
    void stopsQuicklyAndCleanly() throws Exception {
        var service = new PackagedService(
                PackagedService.freshDirectory("shutdown-h2"), PackagedService.freePort(), List.of());
        service.start();
        try {
            var api = new Api(service.port(), "council");
            var http = HttpClient.newHttpClient();
            var received = new CopyOnWriteArrayList<String>();
            CompletableFuture<Void> stream = http.sendAsync(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/api/v1/live"))
                                    .header("Authorization", AUTH)
                                    .header("Accept", "text/event-stream")
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(response -> response.body().forEach(received::add));
            long deadline = System.currentTimeMillis() + 10_000;
            while (!received.contains("event:hello") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(received).as("the live stream is open").contains("event:hello");

            // Commands right before the stop, so the projections are handling events when it comes.
            for (int i = 0; i < 5; i++) {
                var admitted = api.post(
                        "/api/v1/providers",
                        ApiTestSupport.admission("stop-care-" + i, ApiTestSupport.cqc("GOOD", "GOOD")));
                assertThat(admitted.status()).as(admitted.text()).isEqualTo(201);
            }

            Duration took = service.terminate(BOUND);

            assertThat(took).as("exited within " + BOUND + " of SIGTERM").isNotNull();
            // Ended by the server: the body completes normally (a cut connection completes it exceptionally).
            stream.get(5, TimeUnit.SECONDS);
            assertThat(stream).isCompleted();
            var log = service.logText();
            assertThat(log).doesNotContain("Database is already closed");
            assertThat(log.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")))
                    .as("ERROR lines and stack traces in " + service.log())
                    .isEmpty();
            assertThat(log).as("the stop was the graceful one").contains("Graceful shutdown complete");

            // The database was closed properly: the next start finds everything stored before the stop.
            service.start();
            var reader = new Api(service.port(), "council");
            deadline = System.currentTimeMillis() + 30_000;
            while (reader.get("/api/v1/providers/stop-care-4").status() != 200
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(reader.get("/api/v1/providers/stop-care-4").status()).isEqualTo(200);
        } finally {
            service.stopForGood();
        }
    }
}
