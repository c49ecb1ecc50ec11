package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged service is killed with SIGKILL right after the commands that raise alerts were acknowledged, with the
 * receiver down, so their webhook deliveries are pending (or not even queued yet). After the restart every one of
 * them reaches the receiver: none lost (ADR 0018). On the default H2 file store and on PostgreSQL, as {@link CrashIT}.
 */
class WebhookCrashIT {

    private static final String AUTH =
            "Basic " + Base64.getEncoder().encodeToString("council:council".getBytes(StandardCharsets.UTF_8));
    private static final String PROVIDER = "hook-care";
    private static final int VISITS = 12;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @ParameterizedTest(name = "on {0}")
    @EnumSource(CrashIT.Store.class)
    @DisplayName("SIGKILL with webhook deliveries pending: all of them are delivered after the restart")
    void pendingDeliveriesSurviveAKill(CrashIT.Store store) throws Exception {
        var arguments = new ArrayList<>(store.arguments());
        arguments.addAll(List.of(
                "--carebank.webhooks.initial-backoff=300ms",
                "--carebank.webhooks.max-backoff=1s",
                "--carebank.webhooks.poll-interval=200ms"));
        var service = new PackagedService(
                PackagedService.freshDirectory("webhook-crash-" + store.name().toLowerCase()),
                PackagedService.freePort(),
                arguments);
        try (var receiver = new WebhookReceiver()) {
            receiver.down(true);
            service.start();
            String base = "http://localhost:" + service.port();
            String pkg = "hook-pkg-" + store.name().toLowerCase();
            ok(post(base, "/api/v1/providers", ApiTestSupport.admission(PROVIDER, ApiTestSupport.cqc("GOOD", "GOOD"))));
            ok(post(
                    base,
                    "/api/v1/packages",
                    Map.of(
                            "packageId",
                            pkg,
                            "clientRef",
                            "C-hook",
                            "zone",
                            "north",
                            "weeklyMinutes",
                            600,
                            "hourlyRatePence",
                            2400,
                            "timeBanking",
                            false,
                            "startsOn",
                            "2026-01-01")));
            ok(post(base, "/api/v1/packages/" + pkg + "/offers", Map.of("providerId", PROVIDER)));
            ok(post(base, "/api/v1/packages/" + pkg + "/acceptance", Map.of("providerId", PROVIDER)));
            ok(post(
                    base,
                    "/api/v1/webhooks",
                    Map.of(
                            "subscriptionId",
                            "crash-hook",
                            "url",
                            receiver.url(),
                            "events",
                            List.of("alert.raised"),
                            "secret",
                            "a-secret-for-the-crash-test")));

            // Past the late moment and before the miss: each visit is overdue at once, one delivery each.
            var start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
            var visits = new ArrayList<String>();
            for (int i = 0; i < VISITS; i++) {
                String worker = "hook-w-" + i;
                ok(post(
                        base,
                        "/api/v1/providers/" + PROVIDER + "/workers",
                        Map.of(
                                "workerId",
                                worker,
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "CAR",
                                "hourlyPayPence",
                                1300)));
                String visitId = "hook-v-" + i;
                ok(put(base, "/api/v1/visits/" + visitId, ApiTestSupport.visit(pkg, worker, start, 60)));
                visits.add(visitId);
            }
            service.kill(); // at once: some deliveries queued and failing, some perhaps not yet queued

            receiver.down(false);
            service.start();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(delivered(receiver)).containsAll(visits));
            var deliveryIds = new HashSet<String>();
            receiver.received().forEach(received -> deliveryIds.add(received.header("Carebank-Delivery")));
            assertThat(deliveryIds)
                    .as("one delivery per alert (a repeat would carry the same Carebank-Delivery id)")
                    .hasSize(VISITS);
            assertThat(receiver.received()).allMatch(received -> received.signedWith("a-secret-for-the-crash-test"));
        } finally {
            service.stopForGood();
        }
    }

    private static Set<String> delivered(WebhookReceiver receiver) {
        var visits = new HashSet<String>();
        receiver.received()
                .forEach(received ->
                        visits.add(received.json().path("data").path("visitId").asString()));
        return visits;
    }

    private HttpResponse<String> post(String base, String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> put(String base, String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(
                request.header("Authorization", AUTH)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }
}
