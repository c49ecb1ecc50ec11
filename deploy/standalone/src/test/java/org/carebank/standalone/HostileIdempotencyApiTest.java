package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Role;
import org.carebank.service.JwtSettings;
import org.carebank.service.TokenMinter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16, as an attacker and a busy client would try it: per-caller state (stored idempotent answers, rate-limit
 * buckets, live streams) belongs to the caller's whole identity, concurrent first uses of one Idempotency-Key run one
 * command on PostgreSQL and on the default H2 store, a replay is the first answer with its Location, and a provider's
 * live stream tells it only of its own data. No answer is a 5xx, every refusal is problem+json, the log stays clean.
 */
class HostileIdempotencyApiTest extends ApiTestSupport {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    JwtSettings jwt;

    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private CapturedLog log;

    @BeforeEach
    void captureLog() {
        log = CapturedLog.open();
    }

    @AfterEach
    void noServerErrorsAndNoStackTraces() {
        try {
            assertThat(replies).noneMatch(reply -> reply.status() >= 500);
            assertThat(replies).filteredOn(reply -> reply.status() >= 400).allSatisfy(reply -> assertThat(
                            reply.isProblem())
                    .as(reply.status() + " " + reply.body())
                    .isTrue());
            assertThat(log.errorsAndStackTraces()).isEmpty();
        } finally {
            log.close();
        }
    }

    // ---- identity: a bearer token with sub=council is not the Basic user council ----

    @Test
    @DisplayName("a token named like a Basic user gets none of that user's stored answers")
    void storedAnswersBelongToTheIdentity() {
        String client = unique("C");
        String token = bearer(TokenMinter.mint(jwt, "council", Role.COUNCIL, null, Duration.ofMinutes(5)));
        var body = adjustment(unique("adj"), 15);
        String key = unique("key");

        var first = send(port, "POST", adjustments(client), basic("council"), key, body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);

        var sameKeyByToken = send(port, "POST", adjustments(client), token, key, body);
        assertThat(sameKeyByToken.header("Idempotent-Replayed")).isNull();
        assertThat(sameKeyByToken.status()).as(sameKeyByToken.body()).isEqualTo(200);
        assertThat(sameKeyByToken.body()).contains("ALREADY_RECORDED");

        // Another body under a key the Basic user used: the token's own key space, so its own command runs.
        String otherKey = unique("key");
        assertThat(send(port, "POST", adjustments(client), basic("council"), otherKey, adjustment(unique("adj"), 5))
                        .status())
                .isEqualTo(201);
        var otherBody = send(port, "POST", adjustments(client), token, otherKey, adjustment(unique("adj"), 6));
        assertThat(otherBody.status()).as(otherBody.body()).isEqualTo(201);
        assertThat(otherBody.header("Idempotent-Replayed")).isNull();

        // The Basic user's own retry is still its first answer.
        var retry = send(port, "POST", adjustments(client), basic("council"), key, body);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(adjustmentsStored(jdbc, client)).isEqualTo(3);
    }

    @Test
    @DisplayName("a token named like a Basic user does not share that user's rate-limit bucket")
    void rateLimitBucketsBelongToTheIdentity() {
        try (var service =
                RunningService.start("idempotency_rate_limit", "--carebank.rate-limit.requests-per-minute=5")) {
            String token = bearer(TokenMinter.mint(jwt, "council", Role.COUNCIL, null, Duration.ofMinutes(5)));
            Reply last = null;
            for (int i = 0; i < 6; i++) {
                last = send(service.port(), "GET", "/api/v1/providers", basic("council"), null, null);
            }
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.problemType()).isEqualTo("/problems/rate-limited");
            assertThat(last.header("Retry-After")).isNotNull();

            var byToken = send(service.port(), "GET", "/api/v1/providers", token, null, null);
            assertThat(byToken.status()).as(byToken.body()).isEqualTo(200);
        }
    }

    // ---- concurrent first uses of one key ----

    @Test
    @DisplayName("ten concurrent first uses of one key with different bodies run one command; the rest are 409")
    void concurrentDifferentBodiesOnPostgres() throws Exception {
        concurrentDifferentBodies(port, jdbc);
    }

    @Test
    @DisplayName("ten concurrent first uses of one key with the same body run one command and all get its answer")
    void concurrentSameBodyOnPostgres() throws Exception {
        concurrentSameBody(port, jdbc);
    }

    @Test
    @DisplayName("on the default H2 store too, concurrent first uses of one key run one command")
    void concurrentFirstUsesOnH2() throws Exception {
        try (var service = RunningService.startOnH2("idempotency")) {
            var store = service.bean(JdbcClient.class);
            concurrentDifferentBodies(service.port(), store);
            concurrentSameBody(service.port(), store);
        }
    }

    private void concurrentDifferentBodies(int port, JdbcClient store) throws Exception {
        String client = unique("C");
        String key = unique("key");
        var answers = concurrently(
                10,
                i -> send(port, "POST", adjustments(client), basic("council"), key, adjustment(unique("adj"), 10 + i)));

        assertThat(adjustmentsStored(store, client)).isEqualTo(1);
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.status() != 201).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            assertThat(answer.problemType())
                    .isIn("/problems/idempotency-key-reused", "/problems/idempotency-key-in-flight");
        });
    }

    private void concurrentSameBody(int port, JdbcClient store) throws Exception {
        String client = unique("C");
        String key = unique("key");
        var body = adjustment(unique("adj"), 20);
        var answers = concurrently(10, i -> send(port, "POST", adjustments(client), basic("council"), key, body));

        assertThat(adjustmentsStored(store, client)).isEqualTo(1);
        var first = answers.get(0);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.body()).isEqualTo(first.body());
            assertThat(answer.header("Location")).isNotNull().isEqualTo(first.header("Location"));
        });
        assertThat(answers)
                .filteredOn(answer -> "true".equals(answer.header("Idempotent-Replayed")))
                .hasSize(9);
    }

    @Test
    @DisplayName("the replay of a 201 is the 201 with its Location and body, not a later ALREADY_RECORDED")
    void replayOfCreatedKeepsLocation() {
        String client = unique("C");
        String key = unique("key");
        var body = adjustment(unique("adj"), 25);
        var first = send(port, "POST", adjustments(client), basic("council"), key, body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isNotNull();

        var replay = send(port, "POST", adjustments(client), basic("council"), key, body);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(adjustmentsStored(jdbc, client)).isEqualTo(1);
    }

    // ---- live streams ----

    @Test
    @DisplayName("a provider's live stream hears of its own changes and not of another provider's")
    void liveStreamsAreScoped() throws Exception {
        String mine = admitted(unique("live-mine"));
        String theirs = admitted(unique("live-theirs"));
        var myRoster = roster(mine);
        var theirRoster = roster(theirs);
        String myToken = bearer(TokenMinter.mint(jwt, unique("roster"), Role.PROVIDER, mine, Duration.ofMinutes(5)));

        try (var providerStream = LiveStream.open(port, myToken, replies);
                var councilStream = LiveStream.open(port, basic("auditor"), replies)) {
            providerStream.awaitHello();
            councilStream.awaitHello();

            schedule(theirRoster);
            councilStream.awaitChanged(1);
            schedule(myRoster);
            providerStream.awaitChanged(1);
            councilStream.awaitChanged(2);
            Thread.sleep(300); // anything else sent with the council's events would have arrived by now

            assertThat(providerStream.changed()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a caller may hold a few live streams at once; the next one is 429 problem+json")
    void liveStreamsAreCappedPerCaller() throws Exception {
        String token = bearer(TokenMinter.mint(jwt, unique("wallboard"), Role.COUNCIL, null, Duration.ofMinutes(5)));
        var open = new ArrayList<LiveStream>();
        try {
            for (int i = 0; i < 5; i++) {
                var stream = LiveStream.open(port, token, replies);
                open.add(stream);
                stream.awaitHello();
            }
            var refused = LiveStream.refused(port, token, replies);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.problemType()).isEqualTo("/problems/too-many-live-streams");

            // Another identity is not counted with it.
            try (var other = LiveStream.open(port, basic("auditor"), replies)) {
                other.awaitHello();
            }
        } finally {
            open.forEach(LiveStream::close);
        }
    }

    // ---- helpers ----

    private Roster roster(String providerId) {
        return new Roster(
                providerId,
                worker(council(), providerId),
                activePackage(council(), council(), providerId, unique("C"), true));
    }

    private void schedule(Roster roster) {
        var response = send(
                port,
                "PUT",
                "/api/v1/visits/" + unique("v"),
                basic("council"),
                null,
                visit(roster.packageId(), roster.workerId(), minutesFromNow(600), 60));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static List<Reply> concurrently(int callers, IntFunction<Reply> call) throws Exception {
        var pool = Executors.newFixedThreadPool(callers);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<Reply>>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(caller);
                }));
            }
            start.countDown();
            var answers = new ArrayList<Reply>();
            for (var future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long adjustmentsStored(JdbcClient store, String client) {
        return store.sql("SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?")
                .params(StreamIds.timeBank(client), "%.TimeBankAdjusted")
                .query(Long.class)
                .single();
    }

    private static String adjustments(String client) {
        return "/api/v1/clients/" + client + "/time-bank/adjustments";
    }

    private static Map<String, Object> adjustment(String adjustmentId, int minutes) {
        return Map.of("adjustmentId", adjustmentId, "minutes", minutes, "reason", "opening balance");
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** An answer with its headers, which the shared {@link Api} client does not keep. */
    record Reply(int status, HttpHeaders headers, String body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        boolean isProblem() {
            String type = header("Content-Type");
            return type != null && type.startsWith("application/problem+json");
        }

        String problemType() {
            return Api.JSON.readTree(body).path("type").asString();
        }
    }

    private Reply send(int port, String method, String path, String authorization, String key, Object body) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", authorization)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var reply = new Reply(response.statusCode(), response.headers(), response.body());
            replies.add(reply);
            return reply;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code /api/v1/live} read as a dashboard would, line by line on a thread of its own. */
    private static final class LiveStream implements AutoCloseable {

        private final InputStream body;
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final List<String> received = new CopyOnWriteArrayList<>();

        private LiveStream(InputStream body) {
            this.body = body;
            var reader = new Thread(this::read, "live-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private static HttpResponse<InputStream> request(int port, String authorization) throws Exception {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/live"))
                    .header("Authorization", authorization)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }

        static LiveStream open(int port, String authorization, List<Reply> replies) throws Exception {
            var response = request(port, authorization);
            replies.add(new Reply(response.statusCode(), response.headers(), ""));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return new LiveStream(response.body());
        }

        static Reply refused(int port, String authorization, List<Reply> replies) throws Exception {
            var response = request(port, authorization);
            try (var body = response.body()) {
                if (response.statusCode() == 200) {
                    return new Reply(200, response.headers(), ""); // a stream that would never end: not refused
                }
                var reply = new Reply(
                        response.statusCode(),
                        response.headers(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
                replies.add(reply);
                return reply;
            }
        }

        private void read() {
            try (var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        String name = line.substring("event:".length()).trim();
                        received.add(name);
                        events.add(name);
                    }
                }
            } catch (java.io.IOException closed) {
                // the test closed the stream
            }
        }

        void awaitHello() throws InterruptedException {
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("hello");
        }

        void awaitChanged(long count) {
            eventually(() -> assertThat(changed()).isGreaterThanOrEqualTo(count));
        }

        long changed() {
            return received.stream().filter("changed"::equals).count();
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (java.io.IOException ignored) {
                // already closed
            }
        }
    }
}
