package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.carebank.kernel.caller.Role;
import org.carebank.service.JwtSettings;
import org.carebank.service.TokenMinter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Issue 16, "No token shape leaks or crashes": tokens and logins an attacker would try, against the real service. Every
 * answer is checked after each test: none 5xx, every refusal problem+json, and no ERROR or stack trace in the log.
 */
@DisplayName("Hostile tokens and logins")
class HostileTokensApiTest extends ApiTestSupport {

    /** Every read a provider's token could use to see other providers' data (issue 16). */
    private static final List<String> PROVIDER_READS = List.of(
            "/api/v1/visits",
            "/api/v1/providers",
            "/api/v1/packages",
            "/api/v1/time-banks",
            "/api/v1/performance/providers?from=2026-01-01&to=2026-12-31",
            "/api/v1/travel/zones/north?week=2026-W48");

    @Autowired
    JwtSettings jwt;

    private CapturedLog log;
    private final List<Answer> answers = new ArrayList<>();

    record Answer(String request, int status, String contentType, String body, Map<String, List<String>> headers) {

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        String problemType() {
            return Api.JSON.readTree(body).path("type").asString();
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    @BeforeEach
    void captureLog() {
        log = CapturedLog.open();
    }

    @AfterEach
    void noCrashNoTraceEveryRefusalAProblem() {
        try {
            assertThat(answers).noneMatch(answer -> answer.status() >= 500);
            assertThat(answers.stream().filter(answer -> answer.status() >= 400))
                    .allMatch(Answer::isProblem, "is application/problem+json");
            assertThat(log.errorsAndStackTraces()).isEmpty();
        } finally {
            log.close();
        }
    }

    // ---- 1. a PROVIDER token without its provider ----

    @Test
    @DisplayName("a PROVIDER token without provider_id reads nothing (401) and mint-token refuses to mint one")
    void providerTokenWithoutProvider() {
        for (Object providerId : new Object[] {null, "", 42}) {
            var claims = claims("no-provider", List.of("PROVIDER"));
            if (providerId != null) {
                claims.put("provider_id", providerId);
            }
            String token = sign(claims);
            for (String path : PROVIDER_READS) {
                assertInvalidToken(get(path, token, "application/json"), "PROVIDER token must name its provider");
            }
            assertInvalidToken(get("/api/v1/time-banks", token, "text/csv"), "provider");
            assertInvalidToken(get("/api/v1/performance/providers", token, "text/csv"), "provider");
        }

        assertThatThrownBy(() -> TokenMinter.mint(jwt, "roster", Role.PROVIDER, null, Duration.ofHours(1)))
                .hasMessageContaining("--provider");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = TokenMinter.command(
                new String[] {"--client=roster", "--role=PROVIDER"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PROVIDER token must name its provider");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("eyJ");
    }

    @Test
    @DisplayName("a token with two roles is unusable: 401")
    void twoRoles() {
        String token = sign(claims("two-hats", List.of("COUNCIL", "AUDITOR")));

        assertInvalidToken(get("/api/v1/providers", token, "application/json"), "more than one role");
    }

    // ---- 2. no known role ----

    @Test
    @DisplayName(
            "a token whose roles are empty, missing, SYSTEM, ROLE_ADMIN, lower case or not a list is a 403 no-role")
    void tokenWithoutAKnownRole() {
        List<Object> shapes = new ArrayList<>(List.of(List.of(), List.of("SYSTEM"), List.of("ROLE_ADMIN"), "council"));
        shapes.add(List.of("council"));
        shapes.add(42);
        shapes.add(Map.of("role", "ADMIN"));
        shapes.add(null);
        for (Object roles : shapes) {
            var claims = claims("roleless", roles);
            claims.put("provider_id", ALPHA);
            String token = sign(claims);
            for (var answer : List.of(
                    get("/api/v1/providers", token, "application/json"),
                    get("/api/v1/visits", token, "text/csv"),
                    send("POST", "/api/v1/visits/v-x/check-in", token, "{}"),
                    send("DELETE", "/api/v1/visits/v-x", token, null))) {
                assertThat(answer.status())
                        .as("%s with roles %s", answer.request(), roles)
                        .isEqualTo(403);
                assertThat(answer.problemType()).isEqualTo("/problems/no-role");
            }
        }
    }

    // ---- 3. expiry, lifetime, audience ----

    @Test
    @DisplayName("a token without exp, or living longer than the maximum lifetime, is a 401")
    void expiryRequiredAndLifetimeBounded() {
        var noExpiry = claims("forever", List.of("COUNCIL"));
        noExpiry.remove("exp");
        assertInvalidToken(get("/api/v1/providers", sign(noExpiry), "application/json"), "no expiry");

        var longLived = claims("long-lived", List.of("COUNCIL"));
        longLived.put("exp", Instant.now().plus(Duration.ofDays(365)));
        assertInvalidToken(get("/api/v1/providers", sign(longLived), "application/json"), "lives longer than");

        var noIssuedAt = claims("no-iat", List.of("COUNCIL"));
        noIssuedAt.remove("iat");
        noIssuedAt.put("exp", Instant.now().plus(Duration.ofHours(30)));
        assertInvalidToken(get("/api/v1/providers", sign(noIssuedAt), "application/json"), "expires more than");

        var withinLimit = claims("day-long", List.of("COUNCIL"));
        withinLimit.put("exp", Instant.now().plus(Duration.ofHours(23)));
        assertThat(get("/api/v1/providers", sign(withinLimit), "application/json")
                        .status())
                .isEqualTo(200);

        assertThatThrownBy(() -> TokenMinter.mint(jwt, "x", Role.COUNCIL, null, Duration.ofHours(25)))
                .hasMessageContaining("max-lifetime");
    }

    @Test
    @DisplayName("with an audience configured, a token for another audience or none is a 401; mint-token sets it")
    void audienceCheckedWhenConfigured() {
        try (var service = RunningService.start("hostile_audience", "--carebank.security.jwt.audience=carebank-api")) {
            var settings = service.bean(JwtSettings.class);
            int port = Integer.parseInt(service.bean(Environment.class).getProperty("local.server.port"));
            var noAudience = claims("no-aud", List.of("COUNCIL"));
            var otherAudience = claims("other-aud", List.of("COUNCIL"));
            otherAudience.put("aud", List.of("another-service"));
            for (var claims : List.of(noAudience, otherAudience)) {
                assertInvalidToken(get(port, "/api/v1/providers", sign(claims), "application/json"), "audience");
            }
            String minted = TokenMinter.mint(settings, "dashboard", Role.AUDITOR, null, Duration.ofHours(1));
            assertThat(get(port, "/api/v1/providers", minted, "application/json")
                            .status())
                    .isEqualTo(200);
        }
    }

    // ---- 4. published credentials ----

    @Test
    @DisplayName("the standalone's first run with the published credentials is UP but says so in health; the axonserver"
            + " profile refuses to start with them, naming the settings")
    void publishedCredentials() {
        var health = new Loopback("127.0.0.9").get("/actuator/health", basic("admin", "admin"));
        var security = Api.JSON.readTree(health.body()).path("components").path("security");
        assertThat(security.path("status").asString()).isEqualTo("UP");
        assertThat(security.path("details").path("defaultCredentials").asBoolean())
                .isTrue();
        assertThat(security.path("details").path("replace").toString())
                .contains("carebank.security.jwt.secret")
                .doesNotContain(jwt.secret());

        // The axonserver profile's start is refused before any bean (and so before Axon Server or a database).
        assertThatThrownBy(() -> RunningService.start("hostile_refused", "--spring.profiles.include=axonserver"))
                .hasMessageContaining("carebank.security.jwt.secret")
                .hasMessageContaining("carebank.security.users[0].password")
                .hasMessageContaining("{noop}")
                .hasMessageNotContaining(jwt.secret());
        // That start re-initialised the test JVM's logging: capture this class's log again from here.
        log.close();
        log = CapturedLog.open();
    }

    // ---- 5. failed logins ----

    @Test
    @DisplayName("failed logins are limited per user name: 429 with Retry-After, logged without the password")
    void failedLoginsLimitedPerUserName() throws Exception {
        String user = "mallory-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "guess-" + UUID.randomUUID();
        var from = new Loopback("127.0.0.2");
        for (int i = 0; i < 10; i++) {
            assertThat(from.get("/api/v1/providers", basic(user, password + i)).status())
                    .isEqualTo(401);
        }
        var limited = from.get("/api/v1/providers", basic(user, password));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problemType()).isEqualTo("/problems/too-many-failed-logins");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        // The same user name from another address is limited too (the limit is the name's).
        assertThat(new Loopback("127.0.0.5")
                        .get("/api/v1/providers", basic(user, password))
                        .status())
                .isEqualTo(429);
        // Others from the same address are not: their name is under its limit, the address under its own.
        assertThat(from.get("/api/v1/providers", basic("council", "council")).status())
                .isEqualTo(200);

        assertThat(log.messages())
                .anyMatch(line -> line.contains("Refused login") && line.contains(user) && line.contains("127.0.0.2"))
                .anyMatch(line -> line.contains("too many failed logins"))
                .noneMatch(line -> line.contains(password));
    }

    @Test
    @DisplayName("failed logins are limited per address, bearer tokens too; other addresses and successes are not")
    void failedLoginsLimitedPerAddress() throws Exception {
        var from = new Loopback("127.0.0.3");
        for (int i = 0; i < 20; i++) {
            assertThat(from.get("/api/v1/providers", "Bearer not-a-token-" + i).status())
                    .isEqualTo(401);
        }
        // 50 failures a minute per address: the 51st attempt within the minute is refused.
        int failures = 20;
        Answer limited = null;
        while (failures < 100 && limited == null) {
            var answer = from.get("/api/v1/providers", basic("user-" + UUID.randomUUID(), "x"));
            if (answer.status() == 429) {
                limited = answer;
            } else {
                assertThat(answer.status()).isEqualTo(401);
                failures++;
            }
        }
        assertThat(limited).as("a 429 after %s failures", failures).isNotNull();
        assertThat(failures).isEqualTo(50);
        assertThat(limited.problemType()).isEqualTo("/problems/too-many-failed-logins");
        // While over its limit the address is refused even the right password: else the answer would tell it.
        assertThat(from.get("/api/v1/providers", basic("council", "council")).status())
                .isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        String valid = TokenMinter.mint(jwt, "council-app", Role.COUNCIL, null, Duration.ofMinutes(5));
        assertThat(from.get("/api/v1/providers", "Bearer " + valid).status()).isEqualTo(429);

        var elsewhere = new Loopback("127.0.0.4");
        for (int i = 0; i < 60; i++) {
            assertThat(elsewhere
                            .get("/api/v1/providers", basic("council", "council"))
                            .status())
                    .as("successful logins are never counted")
                    .isEqualTo(200);
        }
        assertThat(log.messages()).noneMatch(line -> line.contains("not-a-token"));
    }

    // ---- 6. unknown paths and methods ----

    @Test
    @DisplayName(
            "an unknown path is 404 and an unknown method 405 with Allow; anonymous is still 401, a role refusal 403")
    void unknownPathsAndMethods() {
        String token = TokenMinter.mint(jwt, "council-app", Role.COUNCIL, null, Duration.ofMinutes(5));
        String alphaToken = TokenMinter.mint(jwt, "alpha-roster", Role.PROVIDER, ALPHA, Duration.ofMinutes(5));

        var delete = send("DELETE", "/api/v1/visits/x", token, null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.problemType()).isEqualTo("/problems/method-not-allowed");
        assertThat(delete.header("Allow")).contains("PUT").contains("GET");

        for (var answer : List.of(
                get("/api/v1/nope", token, "application/json"),
                send("DELETE", "/api/v1/nope", token, null),
                send("POST", "/api/v1/nope/deeper", alphaToken, "{}"),
                get("/nope", token, "application/json"))) {
            assertThat(answer.status()).as(answer.request()).isEqualTo(404);
            assertThat(answer.problemType()).isEqualTo("/problems/not-found");
        }

        for (var answer :
                List.of(send("GET", "/api/v1/nope", null, null), send("DELETE", "/api/v1/visits/x", null, null))) {
            assertThat(answer.status()).as(answer.request()).isEqualTo(401);
        }

        var roleRefusal = send("POST", "/api/v1/providers", alphaToken, "{}");
        assertThat(roleRefusal.status()).isEqualTo(403);
        assertThat(roleRefusal.problemType()).isEqualTo("/problems/forbidden");
    }

    // ---- helpers ----

    private void assertInvalidToken(Answer answer, String reason) {
        assertThat(answer.status())
                .as("%s: %s", answer.request(), answer.body())
                .isEqualTo(401);
        assertThat(answer.problemType()).isEqualTo("/problems/invalid-token");
        assertThat(Api.JSON.readTree(answer.body()).path("detail").asString()).contains(reason);
    }

    /** Claims as the minter writes them (issuer, subject, iat, exp in an hour), to be made hostile by the test. */
    private Map<String, Object> claims(String subject, Object roles) {
        var claims = new LinkedHashMap<String, Object>();
        claims.put("iss", jwt.issuer());
        claims.put("sub", subject);
        claims.put("iat", Instant.now());
        claims.put("exp", Instant.now().plus(Duration.ofHours(1)));
        if (roles != null) {
            claims.put("roles", roles);
        }
        return claims;
    }

    /** Signed with the service's own secret: the token is genuine, only its shape is hostile. */
    private String sign(Map<String, Object> claims) {
        var key = new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        var set = JwtClaimsSet.builder().claims(all -> all.putAll(claims)).build();
        return NimbusJwtEncoder.withSecretKey(key)
                .build()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), set))
                .getTokenValue();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Answer get(String path, String token, String accept) {
        return get(port, path, token, accept);
    }

    private Answer get(int port, String path, String token, String accept) {
        return exchange(port, "GET", path, token == null ? null : "Bearer " + token, accept, null);
    }

    private Answer send(String method, String path, String token, String body) {
        return exchange(port, method, path, token == null ? null : "Bearer " + token, "application/json", body);
    }

    /** From 127.0.0.9: this class's refused tokens count against that address's login limit, not 127.0.0.1's. */
    private Answer exchange(int port, String method, String path, String authorization, String accept, String body) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Accept", accept);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        return new Loopback("127.0.0.9", port).send(method, path, headers, body);
    }

    private Answer answered(Answer answer) {
        answers.add(answer);
        return answer;
    }

    /**
     * HTTP/1.1 by hand from another loopback address (127.0.0.0/8 is all local): the login limits count per client
     * address, and these tests must not use up the limit of 127.0.0.1, which every other test class shares.
     */
    private final class Loopback {

        private final String address;
        private final int port;

        Loopback(String address) {
            this(address, HostileTokensApiTest.this.port);
        }

        Loopback(String address, int port) {
            this.address = address;
            this.port = port;
        }

        Answer get(String path, String authorization) {
            return send("GET", path, Map.of("Authorization", authorization, "Accept", "application/json"), null);
        }

        Answer send(String method, String path, Map<String, String> headers, String body) {
            try (var socket = new Socket()) {
                socket.bind(new InetSocketAddress(address, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(10_000);
                byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                var request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
                headers.forEach((name, value) ->
                        request.append(name).append(": ").append(value).append("\r\n"));
                if (body != null) {
                    request.append("Content-Type: application/json\r\nContent-Length: ")
                            .append(content.length)
                            .append("\r\n");
                }
                request.append("Connection: close\r\n\r\n");
                socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(content);
                String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = raw.indexOf("\r\n\r\n");
                String[] head = raw.substring(0, end).split("\r\n");
                var received = new LinkedHashMap<String, List<String>>();
                for (int i = 1; i < head.length; i++) {
                    int colon = head[i].indexOf(':');
                    received.computeIfAbsent(head[i].substring(0, colon).trim(), name -> new ArrayList<>())
                            .add(head[i].substring(colon + 1).trim());
                }
                var answer = new Answer(
                        method + " " + path + " from " + address,
                        Integer.parseInt(head[0].split(" ")[1]),
                        received.getOrDefault("Content-Type", List.of("")).get(0),
                        dechunked(received, raw.substring(end + 4)),
                        received);
                return answered(answer);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static String dechunked(Map<String, List<String>> headers, String body) {
            if (!headers.getOrDefault("Transfer-Encoding", List.of("")).get(0).equalsIgnoreCase("chunked")) {
                return body;
            }
            var text = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return text.toString();
                }
                text.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
