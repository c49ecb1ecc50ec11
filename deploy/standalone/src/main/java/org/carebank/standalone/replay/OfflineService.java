package org.carebank.standalone.replay;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.carebank.kernel.audit.ChainSigningKey;
import org.carebank.query.deadletter.DeadLetters;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The service itself, run privately over the verified events: the standalone's own Spring context on an in-memory H2
 * database of its own, listening on a random port of the loopback interface only, with one AUDITOR user whose
 * password is made up for this run and never leaves the process. The events are written into the same tables the
 * embedded store uses (ADR 0002), the service's projections fold them as they fold live events, and each figure is
 * asked of the same endpoint the dashboard asks, so it is computed by the same view code and written by the same
 * serializers (JSON or the endpoint's own CSV). Nothing acts on the world: webhooks are not sent and the command
 * side's streaming processors (which send commands) are stopped before the first event is written.
 */
final class OfflineService implements AutoCloseable {

    /** How a figure came back: the endpoint's status, content type and body, as it answered them. */
    record Answer(int status, String contentType, byte[] body) {
        boolean ok() {
            return status == 200;
        }
    }

    private static final String USER = "offline-replay";
    private static final int BATCH = 1_000;

    private final ConfigurableApplicationContext context;
    private final String password;
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrintStream err;
    private long head;

    private OfflineService(ConfigurableApplicationContext context, String password, PrintStream err) {
        this.context = context;
        this.password = password;
        this.err = err;
    }

    /**
     * @param application the standalone's application class (passed in, so this package does not depend on its own
     *     caller)
     * @param settings further {@code --name=value} settings for the context (logging levels, say); they win */
    static OfflineService start(Class<?> application, List<String> settings, PrintStream err) {
        String password = randomHex(24);
        var args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:mem:carebank-replay-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--spring.datasource.username=sa",
                "--spring.datasource.password=",
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.log-startup-info=false",
                "--logging.level.root=WARN",
                // Warnings about a database that lives for one run only, and plain text rather than JSON on stderr.
                "--logging.level.org.flywaydb=ERROR",
                "--logging.level.com.github.kagkarlsson=ERROR",
                "--logging.structured.format.console=",
                "--springdoc.api-docs.enabled=false",
                "--springdoc.swagger-ui.enabled=false",
                "--carebank.security.users[0].username=" + USER,
                "--carebank.security.users[0].password={bcrypt}" + new BCryptPasswordEncoder(4).encode(password),
                "--carebank.security.users[0].role=AUDITOR",
                "--carebank.security.jwt.secret=" + randomHex(32),
                "--carebank.rate-limit.requests-per-minute=1000000000",
                "--carebank.webhooks.sending=false",
                // A key of this run only, so no key file is written; the checkpoints it signs stay in memory.
                "--carebank.audit.signing.key=" + ChainSigningKey.generate().toPem()));
        // A setting given twice on a command line is bound as both values joined: the caller's replaces the default.
        for (String setting : settings) {
            String name = setting.substring(0, setting.indexOf('=') < 0 ? setting.length() : setting.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(name));
            args.add(setting);
        }
        err.println("replay: starting the service's projections in memory");
        var context = new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF)
                .run(args.toArray(String[]::new));
        var service = new OfflineService(context, password, err);
        service.stopStreamingProcessors();
        return service;
    }

    /**
     * Writes the export's events recorded at or before {@code asOf} (all when null) into the event store's tables, in
     * the export's (commit) order, with their own global index, chain position and link. The processors are stopped
     * meanwhile so that none reads half a batch: Axon would take a global index not yet written for a gap.
     */
    long load(ExportFile export, Instant asOf) throws Exception {
        var progress = new Progress(err, "loaded");
        DataSource dataSource = context.getBean(DataSource.class);
        long[] lastPosition = {0};
        String[] lastLink = {null};
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement events = connection.prepareStatement(
                            "INSERT INTO domainevententry (globalindex, eventidentifier, aggregateidentifier,"
                                    + " sequencenumber, type, payloadtype, payloadrevision, timestamp, payload,"
                                    + " metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement links = connection.prepareStatement(
                            "INSERT INTO event_chain (chain_position, event_identifier, global_index, link)"
                                    + " VALUES (?, ?, ?, ?)")) {
                export.forEach(event -> {
                    if (asOf != null && event.recordedAt().isAfter(asOf)) {
                        return;
                    }
                    var stored = event.stored();
                    events.setLong(1, event.globalIndex());
                    events.setString(2, stored.eventIdentifier());
                    events.setString(3, stored.aggregateIdentifier());
                    events.setLong(4, stored.sequenceNumber());
                    events.setString(5, stored.aggregateType());
                    events.setString(6, stored.payloadType());
                    events.setString(7, stored.payloadRevision());
                    events.setString(8, stored.timestamp());
                    events.setBytes(9, stored.payload());
                    events.setBytes(10, stored.metaData());
                    events.addBatch();
                    links.setLong(1, event.position());
                    links.setString(2, stored.eventIdentifier());
                    links.setLong(3, event.globalIndex());
                    links.setString(4, event.link());
                    links.addBatch();
                    head = Math.max(head, event.globalIndex());
                    lastPosition[0] = event.position();
                    lastLink[0] = event.link();
                    progress.tick();
                    if (progress.count() % BATCH == 0) {
                        events.executeBatch();
                        links.executeBatch();
                    }
                });
                events.executeBatch();
                links.executeBatch();
            }
            if (lastLink[0] != null) {
                try (PreparedStatement chainHead = connection.prepareStatement(
                        "UPDATE event_chain_head SET chain_position = ?, link = ?, adopted = TRUE WHERE id = 1")) {
                    chainHead.setLong(1, lastPosition[0]);
                    chainHead.setString(2, lastLink[0]);
                    chainHead.executeUpdate();
                }
            }
            connection.commit();
        }
        progress.done();
        return progress.count();
    }

    /** Starts the projections and waits until every one has handled every event loaded. */
    void awaitProjections(Duration timeout) throws InterruptedException {
        var processing = context.getBean(EventProcessingConfiguration.class);
        var projections = projections(processing);
        projections.values().forEach(StreamingEventProcessor::start);
        Instant deadline = Instant.now().plus(timeout);
        Instant nextReport = Instant.now().plusSeconds(2);
        long started = System.nanoTime();
        while (true) {
            long slowest = projections.entrySet().stream()
                    .mapToLong(entry -> position(entry.getValue(), segments(entry.getKey())))
                    .min()
                    .orElse(head);
            if (slowest >= head) {
                err.println("replay: " + projections.size() + " projections at the head (position " + head + ") in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the projections did not reach position " + head + " within "
                        + timeout.toSeconds() + " s (slowest at " + slowest + ")");
            }
            if (Instant.now().isAfter(nextReport)) {
                nextReport = Instant.now().plusSeconds(2);
                err.println("replay: projections at position " + slowest + " of " + head);
            }
            Thread.sleep(50);
        }
    }

    /** Asks the service's endpoint, as an auditor would over HTTP. */
    Answer get(String pathAndQuery, String accept) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Accept", accept)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    @Override
    public void close() {
        context.close();
    }

    private void stopStreamingProcessors() {
        var processing = context.getBean(EventProcessingConfiguration.class);
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .forEach(processor -> processor.shutDown());
    }

    /** The projections (the views, as the rebuild service names them); every other processor stays stopped. */
    private static Map<String, StreamingEventProcessor> projections(EventProcessingConfiguration processing) {
        var projections = new java.util.TreeMap<String, StreamingEventProcessor>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && DeadLetters.isProjection(name)) {
                projections.put(name, streaming);
            }
        });
        return projections;
    }

    private int segments(String processorName) {
        return context.getBean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM tokenentry WHERE processorname = ?")
                .param(processorName)
                .query(Integer.class)
                .single();
    }

    /** The least position any segment of the processor has reached (0 until it has claimed all its segments). */
    private static long position(StreamingEventProcessor processor, int segments) {
        var statuses = processor.processingStatus().values();
        if (statuses.isEmpty() || statuses.size() < segments) {
            return 0;
        }
        return statuses.stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(0))
                .min()
                .orElse(0);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
