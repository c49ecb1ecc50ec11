package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Role;
import org.carebank.service.JwtSettings;
import org.carebank.service.TokenMinter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SecurityApiTest extends ApiTestSupport {

    @Autowired
    JwtSettings jwt;

    private Api.Response withToken(String method, String path, String token, Object body) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
            var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("a machine client with a bearer token acts with its token's role and provider")
    void bearerTokens() {
        var roster = alphaRoster();
        String alphaToken = TokenMinter.mint(jwt, "alpha-roster", Role.PROVIDER, ALPHA, Duration.ofMinutes(5));
        String visitId = unique("v");
        var scheduled = withToken(
                "PUT",
                "/api/v1/visits/" + visitId,
                alphaToken,
                visit(roster.packageId(), roster.workerId(), minutesFromNow(600), 60));
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(201);
        assertThat(eventMetaData(StreamIds.visit(visitId)).get(0))
                .containsEntry("principal", "alpha-roster")
                .containsEntry("role", "PROVIDER")
                .containsEntry("providerId", ALPHA);

        String betaToken = TokenMinter.mint(jwt, "beta-roster", Role.PROVIDER, BETA, Duration.ofMinutes(5));
        eventually(() -> assertThat(withToken("GET", "/api/v1/visits/" + visitId, alphaToken, null)
                        .status())
                .isEqualTo(200));
        assertThat(withToken("GET", "/api/v1/visits/" + visitId, betaToken, null)
                        .status())
                .isEqualTo(404);
        assertThat(withToken("POST", "/api/v1/providers", alphaToken, admission(unique("p"), cqc("GOOD", "GOOD")))
                        .status())
                .isEqualTo(403);
    }

    @Test
    @DisplayName("a forged, expired or foreign token is a 401 problem")
    void badTokens() {
        var forged = new JwtSettings(
                "carebank-local", "another-secret-that-is-long-enough-0123456789", null, jwt.maxLifetime());
        var foreign = new JwtSettings("someone-else", jwt.secret(), null, jwt.maxLifetime());
        for (String token : List.of(
                TokenMinter.mint(forged, "x", Role.COUNCIL, null, Duration.ofMinutes(5)),
                TokenMinter.mint(foreign, "x", Role.COUNCIL, null, Duration.ofMinutes(5)),
                TokenMinter.mint(
                        jwt, "x", Role.COUNCIL, null, java.time.Instant.now().minusSeconds(7200), Duration.ofHours(1)),
                "not-a-token")) {
            var response = withToken("GET", "/api/v1/providers", token, null);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
        }
    }

    @Test
    @DisplayName("Idempotency-Key: a retry gets the first answer and records nothing; another body is a 409")
    void idempotencyKey() {
        admitted(ALPHA);
        String key = unique("key");
        var body = Map.of(
                "workerId", unique("w"), "contractType", "ZERO_HOURS", "travelMode", "WALK", "hourlyPayPence", 1300);
        var first = alpha().postWithKey("/api/v1/providers/" + ALPHA + "/workers", body, key);
        assertThat(first.status()).isEqualTo(201);
        long events = eventCount();
        var retry = alpha().postWithKey("/api/v1/providers/" + ALPHA + "/workers", body, key);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        var other = alpha().postWithKey(
                        "/api/v1/providers/" + ALPHA + "/workers",
                        Map.of(
                                "workerId",
                                unique("w"),
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "WALK",
                                "hourlyPayPence",
                                1300),
                        key);
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.problemType()).isEqualTo("/problems/idempotency-key-reused");
        assertThat(eventCount()).isEqualTo(events);
        // Keys belong to their caller: the council's use of the same key is a request of its own.
        assertThat(council()
                        .postWithKey("/api/v1/providers/" + ALPHA + "/workers", body, key)
                        .json()
                        .path("outcome")
                        .asString())
                .isEqualTo("ALREADY_RECORDED");
        assertThat(alpha().postWithKey("/api/v1/providers/" + ALPHA + "/workers", body, "bad key!")
                        .status())
                .isEqualTo(400);
    }

    @Test
    @DisplayName("request bodies over the size limit are a 413 problem")
    void sizeLimit() {
        var response = council()
                .postRaw("/api/v1/rosters", "application/json", "{\"visits\":[\"" + "x".repeat(3_000_000) + "\"]}");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    @DisplayName("answers carry security headers and never a stack trace")
    void securityHeaders() throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/providers"))
                                .header("Authorization", "Basic Y291bmNpbDpjb3VuY2ls")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    }

    @Test
    @DisplayName("a client over its rate limit gets 429 with Retry-After")
    void rateLimit() {
        try (var service = RunningService.start("rate_limit", "--carebank.rate-limit.requests-per-minute=5")) {
            var auditor = service.as("auditor");
            for (int i = 0; i < 5; i++) {
                assertThat(auditor.get("/api/v1/providers").status()).isEqualTo(200);
            }
            var limited = auditor.get("/api/v1/providers");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.isProblem()).isTrue();
            assertThat(limited.json().path("retryAfterSeconds").asInt()).isPositive();
            assertThat(service.as("council").get("/api/v1/providers").status())
                    .as("another client is not slowed down")
                    .isEqualTo(200);
        }
    }

    @Test
    @DisplayName("the documented mint-token command prints a token the service accepts")
    void mintTokenCommand() {
        var out = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            CarebankApplication.main(new String[] {"mint-token", "--client=scrutiny-dashboard", "--role=AUDITOR"});
        } finally {
            System.setOut(original);
        }
        var lines =
                out.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\\R");
        String token = lines[lines.length - 1];
        assertThat(withToken("GET", "/api/v1/providers", token, null).status()).isEqualTo(200);
        assertThat(withToken("POST", "/api/v1/providers", token, admission(unique("p"), cqc("GOOD", "GOOD")))
                        .status())
                .isEqualTo(403);
    }
}
