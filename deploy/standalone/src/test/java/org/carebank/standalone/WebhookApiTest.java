package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Webhooks end to end, to a real HTTP receiver on a loopback port: signed, retried, in order, scoped. */
class WebhookApiTest extends ApiTestSupport {

    private static final String SECRET = "a-long-test-secret-0123456789";

    private String subscribed(Api as, String url, List<String> events) {
        String id = unique("sub");
        var response = as.post(
                "/api/v1/webhooks", Map.of("subscriptionId", id, "url", url, "events", events, "secret", SECRET));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        assertThat(response.text()).doesNotContain(SECRET);
        return id;
    }

    private static List<WebhookReceiver.Received> forVisit(WebhookReceiver receiver, String visitId) {
        var found = new ArrayList<WebhookReceiver.Received>();
        for (var received : receiver.received()) {
            if (received.json().path("data").path("visitId").asString().equals(visitId)) {
                found.add(received);
            }
        }
        return found;
    }

    private JsonNode log(Api as, String subscriptionId) {
        var response = as.get("/api/v1/webhooks/" + subscriptionId + "/deliveries");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    @Test
    @DisplayName("a subscription receives alert.raised, signed with its secret, with a delivery id")
    void signedAlertRaised() {
        try (var receiver = new WebhookReceiver()) {
            var roster = alphaRoster();
            subscribed(alpha(), receiver.url(), List.of("alert.raised"));
            String visitId = scheduled(roster, minutesFromNow(-40), 60);

            eventually(() -> assertThat(forVisit(receiver, visitId)).hasSize(1));
            var delivery = forVisit(receiver, visitId).get(0);
            assertThat(delivery.signedWith(SECRET))
                    .as(delivery.header("Carebank-Signature"))
                    .isTrue();
            assertThat(delivery.signedWith("another-secret-of-some-length")).isFalse();
            assertThat(delivery.header("Carebank-Delivery")).isNotBlank();
            var body = delivery.json();
            assertThat(body.path("event").asString()).isEqualTo("alert.raised");
            assertThat(body.path("deliveryId").asString()).isEqualTo(delivery.header("Carebank-Delivery"));
            assertThat(body.path("data").path("kind").asString()).isEqualTo("OVERDUE");
            assertThat(body.path("data").path("providerId").asString()).isEqualTo(ALPHA);
            assertThat(Instant.parse(body.path("sentAt").asString()))
                    .as("the signed body carries the moment it was sent, against replay")
                    .isAfter(Instant.now().minusSeconds(120));
        }
    }

    @Test
    @DisplayName("the receiver answers 500 twice then 200: three attempts in the log, and the visit's later event"
            + " waits for the first")
    void retriedThreeTimesInOrder() {
        try (var receiver = new WebhookReceiver(500, 500)) {
            var roster = alphaRoster();
            String subscription = subscribed(alpha(), receiver.url(), List.of("alert.raised", "alert.resolved"));
            String visitId = scheduled(roster, minutesFromNow(-40), 60);
            var checkIn = alpha().post(
                            "/api/v1/visits/" + visitId + "/check-in",
                            Map.of("at", Instant.now().toString(), "method", "APP_GPS"));
            assertThat(checkIn.status()).as(checkIn.text()).isEqualTo(200);

            eventually(() -> assertThat(forVisit(receiver, visitId)).hasSize(2));
            assertThat(forVisit(receiver, visitId))
                    .extracting(received -> received.json().path("event").asString())
                    .as("in order per visit, although the first needed three attempts")
                    .containsExactly("alert.raised", "alert.resolved");

            eventually(() -> {
                var lines = log(alpha(), subscription);
                var raised = new ArrayList<JsonNode>();
                lines.forEach(line -> {
                    if (line.path("event").asString().equals("alert.raised")) {
                        raised.add(line);
                    }
                });
                assertThat(raised)
                        .extracting(line -> line.path("attempt").asInt())
                        .containsExactly(1, 2, 3);
                assertThat(raised)
                        .extracting(line -> line.path("status").asString())
                        .containsExactly("RETRY", "RETRY", "DELIVERED");
                assertThat(raised)
                        .extracting(line -> line.path("httpStatus").asInt())
                        .containsExactly(500, 500, 200);
            });
            assertThat(beta().get("/api/v1/webhooks/" + subscription + "/deliveries")
                            .status())
                    .as("another provider's log is unknown")
                    .isEqualTo(404);
        }
    }

    @Test
    @DisplayName("a provider's subscription never receives another provider's alert; the council's receives both")
    void providerScoped() {
        try (var alphaHook = new WebhookReceiver();
                var councilHook = new WebhookReceiver()) {
            var alphaRoster = alphaRoster();
            admitted(BETA);
            var betaRoster = new Roster(BETA, worker(beta(), BETA), activePackage(beta(), BETA));
            subscribed(alpha(), alphaHook.url(), List.of("alert.raised"));
            subscribed(council(), councilHook.url(), List.of("alert.raised"));

            String betaVisit = unique("v");
            var put = beta().put(
                            "/api/v1/visits/" + betaVisit,
                            visit(betaRoster.packageId(), betaRoster.workerId(), minutesFromNow(-40), 60));
            assertThat(put.status()).as(put.text()).isEqualTo(201);
            String alphaVisit = scheduled(alphaRoster, minutesFromNow(-40), 60);

            eventually(() -> {
                assertThat(forVisit(councilHook, betaVisit)).hasSize(1);
                assertThat(forVisit(councilHook, alphaVisit)).hasSize(1);
                assertThat(forVisit(alphaHook, alphaVisit)).hasSize(1);
            });
            // beta's alert was queued before alpha's: had it been queued for alpha, it would have arrived first.
            assertThat(forVisit(alphaHook, betaVisit)).isEmpty();
            assertThat(alphaHook.received())
                    .extracting(received ->
                            received.json().path("data").path("providerId").asString())
                    .containsOnly(ALPHA);
        }
    }

    @Test
    @DisplayName("a URL off the allow-list is refused (SSRF), as is an unknown event; the same subscription again is"
            + " 200, another under its id 409")
    void refusals() {
        for (String url : List.of(
                "http://10.0.0.5/hook",
                "http://169.254.169.254/latest",
                "file:///etc/passwd",
                "http://user:pw@127.0.0.1/hook")) {
            var response = council()
                    .post(
                            "/api/v1/webhooks",
                            Map.of(
                                    "subscriptionId",
                                    unique("sub"),
                                    "url",
                                    url,
                                    "events",
                                    List.of("alert.raised"),
                                    "secret",
                                    SECRET));
            assertThat(response.status()).as(url + " " + response.text()).isEqualTo(422);
            assertThat(response.problemType()).isEqualTo("/problems/webhook-url-not-allowed");
        }
        var unknownEvent = council()
                .post(
                        "/api/v1/webhooks",
                        Map.of(
                                "subscriptionId",
                                unique("sub"),
                                "url",
                                "http://127.0.0.1:9/hook",
                                "events",
                                List.of("visit.exploded"),
                                "secret",
                                SECRET));
        assertThat(unknownEvent.status()).isEqualTo(422);
        assertThat(unknownEvent.problemType()).isEqualTo("/problems/unknown-webhook-event");
        var shortSecret = council()
                .post(
                        "/api/v1/webhooks",
                        Map.of(
                                "subscriptionId",
                                unique("sub"),
                                "url",
                                "http://127.0.0.1:9/hook",
                                "events",
                                List.of("alert.raised"),
                                "secret",
                                "short"));
        assertThat(shortSecret.status()).isEqualTo(400);
        assertThat(shortSecret.isProblem()).isTrue();

        String id = unique("sub");
        var body = Map.of(
                "subscriptionId",
                id,
                "url",
                "http://127.0.0.1:9/hook",
                "events",
                List.of("visit.missed"),
                "secret",
                SECRET);
        assertThat(council().post("/api/v1/webhooks", body).status()).isEqualTo(201);
        assertThat(council().post("/api/v1/webhooks", body).status()).isEqualTo(200);
        var other = council()
                .post(
                        "/api/v1/webhooks",
                        Map.of(
                                "subscriptionId",
                                id,
                                "url",
                                "http://127.0.0.1:9/other",
                                "events",
                                List.of("visit.missed"),
                                "secret",
                                SECRET));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.problemType()).isEqualTo("/problems/webhook-id-reused");
        assertThat(as("auditor").post("/api/v1/webhooks", body).status()).isEqualTo(403);
    }

    @Test
    @DisplayName("the metrics count attempts and the backlog")
    void metrics() {
        try (var receiver = new WebhookReceiver()) {
            var roster = alphaRoster();
            subscribed(alpha(), receiver.url(), List.of("alert.raised"));
            String visitId = scheduled(roster, minutesFromNow(-40), 60);
            eventually(() -> assertThat(forVisit(receiver, visitId)).hasSize(1));
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = new Api(port, null).get("/actuator/prometheus").text();
                assertThat(metrics).containsPattern("carebank_webhook_attempts_total\\{[^}]*outcome=\"delivered\"");
                assertThat(metrics).contains("carebank_webhook_backlog");
            });
        }
    }
}
