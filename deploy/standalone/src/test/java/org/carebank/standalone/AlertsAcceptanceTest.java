package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Alerts (raised by the service's own deadlines) and signed webhooks, from the contract alone. */
class AlertsAcceptanceTest extends AcceptanceSupport {

    @Test
    @DisplayName("a visit scheduled after its missed moment raises a MISSED alert with the contract's fields")
    void missedAlertShape() {
        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(-180), 60);
        eventually(() -> {
            var alert = alertFor(alpha(), "?providerId=" + ALPHA + "&kind=MISSED", visitId);
            assertThat(alert.path("alertId").asString()).isNotEmpty();
            assertThat(alert.path("kind").asString()).isEqualTo("MISSED");
            assertThat(alert.path("providerId").asString()).isEqualTo(ALPHA);
            assertThat(alert.path("clientRef").asString()).isEqualTo(clientOfVisit(visitId));
            assertThat(alert.path("timeCritical").asBoolean()).isFalse();
            assertThat(alert.path("raisedAt").asString()).isNotEmpty();
            assertThat(alert.path("status").asString()).isEqualTo("OPEN");
        });
    }

    @Test
    @DisplayName("a visit not checked in by its late threshold raises OVERDUE (and not MISSED before its time)")
    void overdueAlert() {
        var roster = alphaRoster();
        // 45 minutes ago: past the 30-minute late threshold, not yet at the 120-minute miss.
        String visitId = scheduled(roster, minutesFromNow(-45), 60);
        eventually(() -> assertThat(alertFor(council(), "?kind=OVERDUE&providerId=" + ALPHA, visitId)
                        .path("status")
                        .asString())
                .isEqualTo("OPEN"));
        assertThat(items(council()
                        .get("/api/v1/alerts?kind=MISSED&providerId=" + ALPHA)
                        .json()))
                .noneMatch(alert -> alert.path("visitId").asString().equals(visitId));
    }

    @Test
    @DisplayName("a provider sees only its own alerts and cannot acknowledge another's; the council sees all")
    void alertsAreScopedToTheProvider() {
        var alphaRoster = alphaRoster();
        admitted(BETA);
        var betaRoster = new Roster(BETA, worker(beta(), BETA), activePackage(beta(), BETA));
        String alphaVisit = scheduled(alphaRoster, minutesFromNow(-180), 60);
        String betaVisit = unique("v");
        ok(
                beta().put(
                                "/api/v1/visits/" + betaVisit,
                                visit(betaRoster.packageId(), betaRoster.workerId(), minutesFromNow(-180), 60)),
                201);

        eventually(() -> {
            alertFor(council(), "?kind=MISSED", alphaVisit);
            alertFor(council(), "?kind=MISSED", betaVisit);
        });
        var alphaAlerts = items(ok(alpha().get("/api/v1/alerts"), 200).json());
        assertThat(alphaAlerts)
                .anyMatch(alert -> alert.path("visitId").asString().equals(alphaVisit));
        assertThat(alphaAlerts)
                .allMatch(alert -> alert.path("providerId").asString().equals(ALPHA));
        var asked = beta().get("/api/v1/alerts?providerId=" + ALPHA);
        if (asked.status() == 200) {
            assertThat(items(asked.json()))
                    .noneMatch(alert -> alert.path("providerId").asString().equals(ALPHA));
        } else {
            assertThat(asked.status()).isIn(403, 404);
        }
        String alphaAlert =
                alertFor(council(), "?kind=MISSED", alphaVisit).path("alertId").asString();
        assertThat(beta().post("/api/v1/alerts/" + alphaAlert + "/acknowledgement", body("note", "not ours"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("an alert is acknowledged, then resolved with an outcome")
    void acknowledgeAndResolve() {
        var roster = alphaRoster();
        String visitId = scheduled(roster, minutesFromNow(-180), 60);
        var holder = new String[1];
        eventually(() -> holder[0] =
                alertFor(alpha(), "?kind=MISSED", visitId).path("alertId").asString());
        String alertId = holder[0];

        // The contract gives no status for these two commands: 200 (a change to an existing record) is expected.
        ok(alpha().post("/api/v1/alerts/" + alertId + "/acknowledgement", body("note", "calling the carer")), 200);
        eventually(() -> {
            var alert = alertFor(alpha(), "?status=ACKNOWLEDGED", visitId);
            assertThat(alert.path("status").asString()).isEqualTo("ACKNOWLEDGED");
            assertThat(alert.path("acknowledgedAt").asString()).isNotEmpty();
        });
        ok(
                alpha().post(
                                "/api/v1/alerts/" + alertId + "/resolution",
                                body("outcome", "CLIENT_SAFE_NOT_VISITED", "note", "daughter visited instead")),
                200);
        eventually(() -> {
            var alert = alertFor(alpha(), "?status=RESOLVED", visitId);
            assertThat(alert.path("status").asString()).isEqualTo("RESOLVED");
            assertThat(alert.path("resolvedAt").asString()).isNotEmpty();
            assertThat(alert.path("outcome").asString()).isEqualTo("CLIENT_SAFE_NOT_VISITED");
        });
        assertThat(items(alpha().get("/api/v1/alerts?status=OPEN").json()))
                .noneMatch(alert -> alert.path("alertId").asString().equals(alertId));
    }

    @Test
    @DisplayName("a webhook URL outside the allow-list is refused: webhook-url-not-allowed, nothing stored")
    void webhookOutsideTheAllowList() {
        admitted(ALPHA);
        String subscriptionId = unique("sub");
        var response = alpha().post(
                        "/api/v1/webhooks",
                        body(
                                "subscriptionId",
                                subscriptionId,
                                "url",
                                "https://collector.attacker.example.net/hook",
                                "events",
                                List.of("alert.raised"),
                                "secret",
                                "s3cret-" + subscriptionId));
        // The contract names the problem, not the status: a rule refusing the command, so 422.
        refused(response, 422, "webhook-url-not-allowed");
        assertThat(alpha().get("/api/v1/webhooks/" + subscriptionId + "/deliveries")
                        .status())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("a loopback receiver gets signed deliveries of its provider's missed visit, and none of another's")
    void signedDeliveryToALoopbackReceiver() throws Exception {
        var alphaRoster = alphaRoster();
        admitted(BETA);
        var betaRoster = new Roster(BETA, worker(beta(), BETA), activePackage(beta(), BETA));
        var received = new CopyOnWriteArrayList<Received>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Carebank-Signature"),
                    exchange.getRequestHeaders().getFirst("Carebank-Delivery"),
                    bytes));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            int receiverPort = server.getAddress().getPort();
            String alphaSub = unique("sub");
            String alphaSecret = "alpha-secret-" + alphaSub;
            subscribe(alpha(), alphaSub, receiverPort, "/alpha", alphaSecret);
            String betaSub = unique("sub");
            subscribe(beta(), betaSub, receiverPort, "/beta", "beta-secret-" + betaSub);

            String alphaVisit = scheduled(alphaRoster, minutesFromNow(-180), 60);
            String betaVisit = unique("v");
            ok(
                    beta().put(
                                    "/api/v1/visits/" + betaVisit,
                                    visit(betaRoster.packageId(), betaRoster.workerId(), minutesFromNow(-180), 60)),
                    201);

            eventually(() -> {
                assertThat(received)
                        .anyMatch(r -> r.path().equals("/alpha") && r.body().contains(alphaVisit));
                assertThat(received)
                        .anyMatch(r -> r.path().equals("/beta") && r.body().contains(betaVisit));
            });
            for (Received delivery : received) {
                if (delivery.path().equals("/alpha")) {
                    assertThat(delivery.body())
                            .as("alpha's subscription gets only alpha's data")
                            .doesNotContain(betaVisit);
                    assertThat(delivery.deliveryId()).as("Carebank-Delivery").isNotBlank();
                    // sha256=<HMAC of the body>, read as lowercase hex (the usual webhook form).
                    assertThat(delivery.signature())
                            .as("Carebank-Signature")
                            .isEqualToIgnoringCase("sha256=" + hmacHex(alphaSecret, delivery.bytes()));
                }
            }
            eventually(() -> {
                var log = alpha().get("/api/v1/webhooks/" + alphaSub + "/deliveries");
                assertThat(log.status()).as(log.text()).isEqualTo(200);
                var deliveries = items(log.json());
                assertThat(deliveries).isNotEmpty();
                assertThat(deliveries).anySatisfy(d -> {
                    assertThat(d.path("event").asString()).isIn("visit.missed", "alert.raised");
                    assertThat(d.path("httpStatus").asInt()).isEqualTo(204);
                    assertThat(d.path("attempt").asInt()).isEqualTo(1);
                    assertThat(d.path("deliveryId").asString()).isNotEmpty();
                    assertThat(d.path("at").asString()).isNotEmpty();
                });
            });
        } finally {
            server.stop(0);
        }
    }

    // ---- helpers ----

    private record Received(String path, String signature, String deliveryId, byte[] bytes) {

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Subscribes to a loopback receiver. The contract does not say what the test profile's allow-list holds: loopback
     * is assumed allowed there, as 127.0.0.1 or as localhost (the second is tried when the first is refused).
     */
    private void subscribe(Api as, String subscriptionId, int receiverPort, String path, String secret) {
        Api.Response response = null;
        for (String host : List.of("127.0.0.1", "localhost")) {
            response = as.post(
                    "/api/v1/webhooks",
                    body(
                            "subscriptionId",
                            subscriptionId,
                            "url",
                            "http://" + host + ":" + receiverPort + path,
                            "events",
                            List.of("visit.missed", "alert.raised"),
                            "secret",
                            secret));
            if (response.status() == 201) {
                return;
            }
        }
        assertThat(response.status())
                .as("the test profile's allow-list must let a loopback receiver subscribe: " + response.text())
                .isEqualTo(201);
    }

    private static String hmacHex(String secret, byte[] body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private JsonNode alertFor(Api as, String query, String visitId) {
        var response = as.get("/api/v1/alerts" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return itemWith(items(response.json()), "visitId", visitId).orElseThrow();
    }

    private String clientOfVisit(String visitId) {
        return visitView(council(), visitId).path("clientRef").asString();
    }
}
