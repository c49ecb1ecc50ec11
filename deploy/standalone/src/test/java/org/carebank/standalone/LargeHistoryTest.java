package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.carebank.kernel.audit.ChainHash;
import org.carebank.kernel.serialization.EventJson;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.DeliverySource;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.kernel.visit.VisitScheduled;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The audit at scale, in a JVM of its own with a 256 MB heap (a surefire execution of its own, see the pom): a store of
 * 100,000 events is exported as NDJSON and verified without holding the history in memory, the projections build from
 * it, and a rebuild through the API gives the same figures. The store is written directly (JDBC batches), as an earlier
 * version of the service would have left it: linked, except the last events, which the first start must adopt.
 */
class LargeHistoryTest {

    private static final Logger log = LoggerFactory.getLogger(LargeHistoryTest.class);
    private static final int VISITS = 25_000; // four events each
    private static final int EVENTS = 4 * VISITS;
    private static final int UNLINKED = 100;
    private static final int SEGMENTS = 16;
    private static final String DATABASE = "large_history";
    private static final ObjectMapper EVENT_JSON = EventJson.objectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    @DisplayName(
            "100,000 events: NDJSON export and verification under -Xmx256m, build and rebuild give the same figures")
    void auditAtScale() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        Assumptions.assumeTrue(maxHeap <= 256L * 1024 * 1024, "runs in the small-heap execution only");

        String url = TestPostgres.jdbcUrl(DATABASE);
        Flyway.configure()
                .dataSource(url, "postgres", "postgres")
                .locations("classpath:db/migration/command", "classpath:db/migration/query")
                .load()
                .migrate();
        long inserting = System.nanoTime();
        writeStore(url);
        log.info("Wrote {} events and their links in {} ms", EVENTS, millisSince(inserting));

        long starting = System.nanoTime();
        try (var service = RunningService.start(DATABASE)) {
            log.info("Started (adopting {} unlinked events) in {} ms", UNLINKED, millisSince(starting));
            var admin = service.as("admin");

            exportUnderSmallHeap(service, maxHeap);

            long verifying = System.nanoTime();
            var verification = service.as("auditor").get("/api/v1/audit/verify").json();
            log.info("Verified {} links in {} ms", EVENTS, millisSince(verifying));
            assertThat(verification.path("valid").asBoolean())
                    .as(verification.toString())
                    .isTrue();
            assertThat(verification.path("events").asLong()).isEqualTo(EVENTS);

            // The projections' tokens were at the head, their tables empty: only a rebuild can fill them.
            String visit = "/api/v1/visits/v-" + (VISITS / 2);
            var started = admin.post("/api/v1/admin/projections/visit-views/rebuild", Map.of());
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            var meanwhile = service.as("council").get(visit);
            assertThat(meanwhile.status()).as("no half-built answer").isEqualTo(503);
            JsonNode done = awaitLive(admin, "visit-views");
            log.info(
                    "Rebuilt visit-views: {} events in {} s ({} events/s)",
                    done.path("total").asLong(),
                    done.path("seconds").asDouble(),
                    done.path("eventsPerSecond").asLong());
            assertThat(figures(service))
                    .as("the figures the events say")
                    .isEqualTo(Map.of(
                            "delivered", (long) VISITS,
                            "billablePence", 2000L * VISITS,
                            "deliveredMinutes", 50L * VISITS));
            // The visit's answer is priced from payment-views, which a first start builds from the events (it had no
            // token): until it has caught up the visit answers 503, never a half-priced figure.
            var answer = awaitAnswer(service.as("council"), visit);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            var live = answer.json();
            assertThat(live.path("billablePence").asLong()).isEqualTo(2000);
            assertThat(service.as("council")
                            .get(visit + "?asOf=2027-01-01T00:00:00Z")
                            .json())
                    .isEqualTo(live);
        }
    }

    /** Streams the export line by line, checking order and completeness, while watching the heap. */
    private void exportUnderSmallHeap(RunningService service, long maxHeap) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
        var peak = new AtomicLong();
        var watching = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watching.setDaemon(true);
        watching.start();
        long exporting = System.nanoTime();
        long lines = 0;
        long bytes = 0;
        String port =
                service.bean(org.springframework.core.env.Environment.class).getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/events"))
                .header("Accept", "application/x-ndjson")
                .header("Authorization", AuditTestSupport.basic("auditor"))
                .build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                bytes += line.length() + 1;
                assertThat(line).startsWith("{\"position\":" + lines + ",");
            }
        } finally {
            watching.interrupt();
        }
        long millis = millisSince(exporting);
        log.info(
                "Exported {} events ({} MB of NDJSON) in {} ms ({} events/s); heap peak {} MB of {} MB",
                lines,
                bytes / (1024 * 1024),
                millis,
                lines * 1000 / Math.max(1, millis),
                peak.get() / (1024 * 1024),
                maxHeap / (1024 * 1024));
        assertThat(lines).isEqualTo(EVENTS);
        assertThat(bytes).as("more than the heap could hold as a list").isGreaterThan(maxHeap / 4);
    }

    /** The figures a dashboard would show, straight from the projection's table. */
    private static Map<String, Long> figures(RunningService service) {
        var jdbc = service.bean(org.springframework.jdbc.core.simple.JdbcClient.class);
        return Map.of(
                "delivered",
                        jdbc.sql("SELECT COUNT(*) FROM visit_view WHERE status = 'DELIVERED'")
                                .query(Long.class)
                                .single(),
                "billablePence",
                        jdbc.sql("SELECT SUM(billable_pence) FROM visit_view")
                                .query(Long.class)
                                .single(),
                "deliveredMinutes",
                        jdbc.sql("SELECT SUM(delivered_minutes) FROM visit_view")
                                .query(Long.class)
                                .single());
    }

    /** The answer once it is no longer 503 (a projection it reads still catching up), or the last 503. */
    private static Api.Response awaitAnswer(Api api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        var answer = api.get(path);
        while (answer.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = api.get(path);
        }
        return answer;
    }

    private static JsonNode awaitLive(Api admin, String projection) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            var progress = admin.get("/api/v1/admin/projections/" + projection + "/rebuild")
                    .json();
            if (progress.path("state").asString().equals("LIVE")) {
                return progress;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(projection + " did not finish rebuilding");
    }

    /**
     * 25,000 delivered visits of one provider, as the service stores them, in JDBC batches; every link but the last
     * {@link #UNLINKED} written beside them, and the chain's head left where an interrupted adoption would leave it.
     */
    private static void writeStore(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
            connection.setAutoCommit(false);
            String previous = ChainHash.GENESIS;
            long position = 0;
            Instant base = Instant.parse("2026-01-05T08:00:00Z");
            try (PreparedStatement events = connection.prepareStatement(
                            """
                            INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,
                              eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)
                            VALUES (?, ?, ?, 'Visit', ?, ?, ?, '1', ?, ?)""");
                    PreparedStatement links = connection.prepareStatement(
                            """
                            INSERT INTO event_chain (chain_position, event_identifier, global_index, link)
                            VALUES (?, ?, ?, ?)""")) {
                for (int v = 0; v < VISITS; v++) {
                    String visitId = "v-" + v;
                    Instant start = base.plus(Duration.ofMinutes(15L * v));
                    for (var event : visitEvents(visitId, start)) {
                        position++;
                        String eventId = UUID.randomUUID().toString();
                        long sequence = (position - 1) % 4;
                        String timestamp =
                                start.plusSeconds(sequence).toString().replace("Z", ".000Z");
                        byte[] payload = EVENT_JSON.writeValueAsBytes(event);
                        byte[] metadata = EVENT_JSON.writeValueAsBytes(Map.of(
                                "principal",
                                "rostering-system",
                                "role",
                                "PROVIDER",
                                "providerId",
                                "big-care",
                                "correlationId",
                                eventId,
                                "traceId",
                                eventId,
                                "causationId",
                                eventId));
                        var stored = new ChainHash.StoredEvent(
                                eventId,
                                "visit:" + visitId,
                                sequence,
                                "Visit",
                                event.getClass().getName(),
                                "1",
                                timestamp,
                                payload,
                                metadata);
                        events.setLong(1, position);
                        events.setString(2, stored.aggregateIdentifier());
                        events.setLong(3, stored.sequenceNumber());
                        events.setString(4, eventId);
                        events.setBytes(5, metadata);
                        events.setBytes(6, payload);
                        events.setString(7, stored.payloadType());
                        events.setString(8, timestamp);
                        events.addBatch();
                        if (position <= EVENTS - UNLINKED) {
                            previous = ChainHash.link(previous, stored);
                            links.setLong(1, position);
                            links.setString(2, eventId);
                            links.setLong(3, position);
                            links.setString(4, previous);
                            links.addBatch();
                        }
                    }
                    if (v % 500 == 499) {
                        events.executeBatch();
                        links.executeBatch();
                    }
                }
                events.executeBatch();
                links.executeBatch();
            }
            tokensAtHead(connection);
            try (var statement = connection.createStatement()) {
                statement.execute("ALTER TABLE domainevententry ALTER COLUMN globalindex RESTART WITH " + (EVENTS + 1));
                statement.execute("UPDATE event_chain_head SET chain_position = " + (EVENTS - UNLINKED) + ", link = '"
                        + previous + "', adopted = FALSE WHERE id = 1");
            }
            connection.commit();
        }
    }

    /**
     * Each projection's tokens at the head, as a service that had processed the whole store would have left them, in
     * the 16 segments Axon's pooled processor starts with.
     */
    private static void tokensAtHead(Connection connection) throws Exception {
        var serializer = org.axonframework.serialization.json.JacksonSerializer.builder()
                .objectMapper(EVENT_JSON)
                .build();
        var token = serializer.serialize(
                org.axonframework.eventhandling.GapAwareTrackingToken.newInstance(EVENTS, java.util.Set.of()),
                byte[].class);
        try (PreparedStatement tokens = connection.prepareStatement(
                "INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp) VALUES (?, ?, ?, ?, ?)")) {
            for (String processor : List.of("provider-views", "package-views", "visit-views")) {
                for (int segment = 0; segment < SEGMENTS; segment++) {
                    tokens.setString(1, processor);
                    tokens.setInt(2, segment);
                    tokens.setBytes(3, token.getData());
                    tokens.setString(4, token.getType().getName());
                    tokens.setString(5, Instant.now().toString());
                    tokens.addBatch();
                }
            }
            tokens.executeBatch();
        }
    }

    private static List<Object> visitEvents(String visitId, Instant start) {
        var plan = new VisitPlan("pkg-big", "w-" + (visitId.hashCode() & 63), start, 60, false, null, null, 10);
        Instant in = start.plusSeconds(5 * 60);
        Instant out = in.plusSeconds(50 * 60);
        return List.of(
                new VisitScheduled(visitId, plan, "C-" + visitId, "big-care", "north", 2400, 30, 120),
                new VisitCheckedIn(visitId, plan.workerId(), in, EcmMethod.APP_GPS, null, null, false, 5),
                new VisitCheckedOut(visitId, out, EcmMethod.APP_GPS, null),
                new VisitDelivered(
                        visitId,
                        "big-care",
                        "C-" + visitId,
                        plan.workerId(),
                        DeliverySource.ECM,
                        in,
                        out,
                        60,
                        50,
                        false,
                        false,
                        false,
                        0,
                        null,
                        new Billing(BillingRule.ACTUAL, 0, 0, 2400, 50, 2000)));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
