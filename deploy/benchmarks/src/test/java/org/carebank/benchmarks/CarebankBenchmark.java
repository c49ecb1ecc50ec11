package org.carebank.benchmarks;

import static org.carebank.benchmarks.Figures.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.visit.CheckInVisit;
import org.carebank.kernel.visit.CheckOutVisit;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitPlan;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every benchmark of issue 10 in one run, on one durable embedded PostgreSQL (fsync and synchronous_commit on):
 * raw-JDBC baselines, command throughput through the gateway and HTTP at 1/4/16 clients, the bulk roster path,
 * projection lag at a steady rate, replay of all projections, query latency, and heap/RSS of the service. Prints a table
 * and writes {@code target/benchmark-results.json}. The service runs in this JVM (as the standalone app, real HTTP
 * port), so heap and RSS include the load generator's small share.
 *
 * <p>Sizes: {@code -Dbench.seconds} per throughput point (8), {@code -Dbench.warmUpSeconds} at most of warm-up (120), {@code -Dbench.rosterVisits} (10000), {@code
 * -Dbench.lagRate} commands/s (500) for {@code -Dbench.lagSeconds} (20), {@code -Dbench.storeVisits} visits in the
 * replay/query store (100000), {@code -Dbench.pool} Hikari pool size (the service's default, 10, when unset),
 * {@code -Dbench.batchSize} / {@code -Dbench.segments} for the projection processors (Axon's defaults when unset).
 */
class CarebankBenchmark {

    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "8"));
    private static final int ROSTER_VISITS = Integer.getInteger("bench.rosterVisits", 10_000);
    private static final double WARM_UP_SECONDS = Double.parseDouble(System.getProperty("bench.warmUpSeconds", "120"));
    private static final int LAG_RATE = Integer.getInteger("bench.lagRate", 500);
    private static final int LAG_SECONDS = Integer.getInteger("bench.lagSeconds", 20);
    private static final int IMPORT_VISITS = Integer.getInteger("bench.importVisits", 10_000);
    private static final int IMPORT_LINES_PER_REQUEST = Integer.getInteger("bench.importLinesPerRequest", 10_000);
    /** Events in the replay store (a council-year is 10,000,000); {@code bench.storeVisits} asks for visits instead. */
    private static final long REPLAY_EVENTS = Long.getLong("bench.replayEvents", 1_000_000);

    private static final int STORE_VISITS = Integer.getInteger("bench.storeVisits", -1);
    /** Segment counts of the replay runs: the first both just started and warm, the others warm (powers of two). */
    private static final List<Integer> REPLAY_SEGMENTS = java.util.Arrays.stream(
                    System.getProperty("bench.replaySegments", "1,2").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList();
    /**
     * How the replay runs rebuild: {@code joint} asks the service to rebuild every projection together from one read of
     * the store (POST /admin/projections/rebuild, ADR 0025), {@code separate} resets every processor and lets each
     * replay the store for itself (the way before it, and a rebuild of one projection). The first mode is run just
     * started and warm, the others warm, at every segment count.
     */
    private static final List<String> REPLAY_MODES = java.util.Arrays.stream(
                    System.getProperty("bench.replayModes", "joint,separate").split(","))
            .map(String::trim)
            .toList();
    /** Events in the peer's replay store; by default the same history as Carebank's. */
    private static final long PEER_REPLAY_EVENTS = Long.getLong("bench.peerReplayEvents", -1);

    private static final int PEER_WARM_UP_ROUNDS = Integer.getInteger("bench.peerWarmUpRounds", 6);
    private static final int[] CLIENTS = {1, 4, 16};
    /** Which parts to run, e.g. {@code -Dbench.phases=commands,roster} while profiling one of them. */
    private static final List<String> PHASES =
            List.of(System.getProperty("bench.phases", "baselines,replay,commands,roster,import,lag,peer")
                    .split(","));

    /** Every projection of the query side: all of them follow the store, so a replay that left some out would share
     * the cores with their catching up unmeasured. */
    private static final List<String> PROJECTIONS = List.of(
            "provider-views",
            "package-views",
            "visit-views",
            "time-bank-views",
            "travel-views",
            "performance-views",
            "amendment-views",
            "alert-views");

    private static final String PROVIDER = "bench-care";
    private static final Caller ROSTER = new Caller("bench", Role.PROVIDER, PROVIDER);

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    private final AtomicLong visitNo = new AtomicLong();
    private final AtomicLong workerNo = new AtomicLong();
    private ConfigurableApplicationContext service;
    private String base;
    private final StoreGenerator store = new StoreGenerator();
    private String packageId;
    private Instant firstSlot;

    @Test
    void run() throws Exception {
        var workdir = new File(System.getProperty("bench.workdir", "target/bench-postgres"));
        workdir.mkdirs();
        // A run that was killed leaves its data behind, and initdb refuses a directory that is not empty.
        var leftOver = new File(workdir, "data").toPath();
        if (Files.exists(leftOver)) {
            try (var paths = Files.walk(leftOver)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
        try (var postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workdir)
                .setDataDirectory(new File(workdir, "data"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                // where PostgreSQL's time goes in a replay (see replay(): its statements by total time)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .start()) {
            environment(postgres);
            for (String db : List.of("baseline", "carebank", "peer")) {
                try (var c = postgres.getPostgresDatabase().getConnection();
                        var s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                }
            }
            if (PHASES.contains("baselines")) {
                baselines(postgres.getJdbcUrl("postgres", "baseline"));
            }
            String carebank = postgres.getJdbcUrl("postgres", "carebank");
            startService(carebank);
            try {
                if (PHASES.contains("replay")) {
                    // First, so that its first run is in a service just started.
                    replayAndQueries(carebank);
                }
                setUp();
                if (PHASES.contains("commands") || PHASES.contains("lag")) {
                    warmUp();
                }
                if (PHASES.contains("commands")) {
                    commandThroughput();
                }
                if (PHASES.contains("roster")) {
                    bulkRoster();
                }
                if (PHASES.contains("import")) {
                    historyImport();
                }
                if (PHASES.contains("lag")) {
                    projectionLag();
                }
            } finally {
                service.close();
            }
            if (PHASES.contains("peer")) {
                peer(postgres.getJdbcUrl("postgres", "peer"));
            }
        }
        ratios();
        write();
    }

    // ---------------------------------------------------------------- environment

    private void environment(EmbeddedPostgres postgres) throws Exception {
        var env = new LinkedHashMap<String, Object>();
        env.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put(
                "loadAverageAtStart",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        try (var c = postgres.getPostgresDatabase().getConnection();
                var s = c.createStatement()) {
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes")) {
                try (var rows = s.executeQuery("SHOW " + setting)) {
                    rows.next();
                    env.put("postgres_" + setting, rows.getString(1));
                }
            }
        }
        env.put("hikariPool", System.getProperty("bench.pool", "default (10)"));
        env.put("processorBatchSize", System.getProperty("bench.batchSize", "as in application.yml"));
        env.put("processorSegments", System.getProperty("bench.segments", "as in application.yml"));
        results.put("environment", env);
        System.out.println("Benchmark environment: " + env);
    }

    // ---------------------------------------------------------------- baselines

    private void baselines(String url) throws Exception {
        var baselines = new JdbcBaselines(url);
        baselines.batchInsert(2_000, 500); // warm-up
        double batch = baselines.batchInsert(20_000, 500);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("a_batchInsertEventsPerSecond", round(batch));
        row("baseline (a) JDBC batch insert, events/s", batch, "");
        baselines.perCommand(1, 1); // warm-up
        for (int clients : CLIENTS) {
            double rate = baselines.perCommand(clients, SECONDS);
            figures.put("b_perCommandPerSecond_" + clients + "clients", round(rate));
            row("baseline (b) read+append+commit, " + clients + " client(s), commands/s", rate, "");
        }
        results.put("baselines", figures);
    }

    // ---------------------------------------------------------------- the service

    private void startService(String url) throws Exception {
        var args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--server.port=0",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN",
                "--carebank.rate-limit.requests-per-minute=100000000",
                "--carebank.security.users[0].username=council",
                "--carebank.security.users[0].password={noop}council",
                "--carebank.security.users[0].role=COUNCIL",
                "--carebank.security.users[1].username=bench",
                "--carebank.security.users[1].password={noop}bench",
                "--carebank.security.users[1].role=PROVIDER",
                "--carebank.security.users[1].provider-id=" + PROVIDER,
                "--carebank.security.users[2].username=admin",
                "--carebank.security.users[2].password={noop}admin",
                "--carebank.security.users[2].role=ADMIN"));
        // Any other setting of the service, e.g. -Dbench.serviceArgs=--carebank.audit.hash-chain=false
        // (space-separated)
        for (String extra : System.getProperty("bench.serviceArgs", "").trim().split("\\s+")) {
            if (!extra.isEmpty()) {
                args.add(extra);
            }
        }
        if (System.getProperty("bench.pool") != null) {
            args.add("--spring.datasource.hikari.maximum-pool-size=" + System.getProperty("bench.pool"));
        }
        // The service's own processor settings (carebank.projections.*, travel in one segment) unless asked otherwise:
        // a processor named under axon.eventhandling.processors gets Axon's defaults for everything not named there
        // (tracking mode, or 16 segments once pooled), which is not the service a council runs.
        for (String name : PROJECTIONS) {
            if (System.getProperty("bench.batchSize") == null && System.getProperty("bench.segments") == null) {
                break;
            }
            args.add("--axon.eventhandling.processors." + name + ".mode=pooled");
            args.add("--axon.eventhandling.processors." + name + ".batch-size="
                    + System.getProperty("bench.batchSize", "100"));
            String segments = name.equals("travel-views") ? "1" : System.getProperty("bench.segments", "1");
            args.add("--axon.eventhandling.processors." + name + ".initial-segment-count=" + segments);
            args.add("--axon.eventhandling.processors." + name + ".thread-count=" + segments);
        }
        long started = System.nanoTime();
        // By name: the standalone module's classes are on the test classpath only (see the pom).
        service = new SpringApplicationBuilder(Class.forName("org.carebank.standalone.CarebankApplication"))
                .run(args.toArray(String[]::new));
        base = "http://localhost" + ":" + service.getEnvironment().getProperty("local.server.port");
        results.put("serviceStartSeconds", round((System.nanoTime() - started) / 1e9));
    }

    private void setUp() throws Exception {
        var cqc = Map.of(
                "overall",
                "GOOD",
                "safe",
                "GOOD",
                "effective",
                "GOOD",
                "caring",
                "GOOD",
                "responsive",
                "GOOD",
                "wellLed",
                "GOOD",
                "inspectedOn",
                "2026-05-01");
        expect(post(
                "council",
                "/api/v1/providers",
                Map.of("providerId", PROVIDER, "name", "Bench Care", "zones", List.of("north"), "cqc", cqc)));
        packageId = "bench-pkg";
        expect(post(
                "council",
                "/api/v1/packages",
                Map.of(
                        "packageId",
                        packageId,
                        "clientRef",
                        "BENCH-C1",
                        "zone",
                        "north",
                        "weeklyMinutes",
                        420,
                        "hourlyRatePence",
                        2400,
                        "timeBanking",
                        true,
                        "startsOn",
                        "2026-01-01")));
        expect(post("council", "/api/v1/packages/" + packageId + "/offers", Map.of("providerId", PROVIDER)));
        expect(post("bench", "/api/v1/packages/" + packageId + "/acceptance", Map.of("providerId", PROVIDER)));
        firstSlot = LocalDate.now().plusDays(2).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    }

    /** A worker of its own for each client thread: real rosters spread visits over many workers. */
    private String newWorker() throws Exception {
        String workerId = "bench-w-" + workerNo.incrementAndGet();
        expect(post(
                "bench",
                "/api/v1/providers/" + PROVIDER + "/workers",
                Map.of(
                        "workerId",
                        workerId,
                        "contractType",
                        "ZERO_HOURS",
                        "travelMode",
                        "CAR",
                        "hourlyPayPence",
                        1300)));
        return workerId;
    }

    /** One client's visits: consecutive hours of its own worker, starting the day after tomorrow. */
    private final class Lifecycle {
        final String workerId;
        int slot;

        Lifecycle() throws Exception {
            this(newWorker());
        }

        Lifecycle(String workerId) {
            this.workerId = workerId;
        }

        Instant nextStart() {
            return firstSlot.plusSeconds(3600L * slot++);
        }
    }

    // ---------------------------------------------------------------- 1. command throughput

    interface Sender {
        void schedule(String visitId, String workerId, Instant start) throws Exception;

        void checkIn(String visitId, Instant at) throws Exception;

        void checkOut(String visitId, Instant at) throws Exception;
    }

    private Sender gateway() {
        var gateway = service.getBean(CommandGateway.class);
        return new Sender() {
            private void send(Object command) {
                gateway.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(ROSTER.toMetaData()));
            }

            public void schedule(String visitId, String workerId, Instant start) {
                send(new ScheduleVisit(
                        visitId, plan(workerId, start), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            }

            public void checkIn(String visitId, Instant at) {
                send(new CheckInVisit(visitId, at, EcmMethod.APP_GPS, null, null));
            }

            public void checkOut(String visitId, Instant at) {
                send(new CheckOutVisit(visitId, at, EcmMethod.APP_GPS, false, null));
            }
        };
    }

    private VisitPlan plan(String workerId, Instant start) {
        return new VisitPlan(packageId, workerId, start, 45, false, null, null, null);
    }

    private Sender overHttp() {
        return new Sender() {
            public void schedule(String visitId, String workerId, Instant start) throws Exception {
                expect(put(
                        "bench",
                        "/api/v1/visits/" + visitId,
                        Map.of(
                                "packageId",
                                packageId,
                                "workerId",
                                workerId,
                                "plannedStart",
                                start.toString(),
                                "plannedMinutes",
                                45,
                                "timeCritical",
                                false)));
            }

            public void checkIn(String visitId, Instant at) throws Exception {
                expect(post(
                        "bench",
                        "/api/v1/visits/" + visitId + "/check-in",
                        Map.of("at", at.toString(), "method", "APP_GPS")));
            }

            public void checkOut(String visitId, Instant at) throws Exception {
                expect(post(
                        "bench",
                        "/api/v1/visits/" + visitId + "/check-out",
                        Map.of("at", at.toString(), "method", "APP_GPS", "endedEarlyAtClientRequest", false)));
            }
        };
    }

    private void commandThroughput() throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        for (var path : List.of("gateway", "http")) {
            for (int clients : CLIENTS) {
                var sender = path.equals("gateway") ? gateway() : overHttp();
                var point = throughput(sender, SECONDS, clients);
                figures.put(path + "_" + clients + "clients", point);
                var cpu = (Map<?, ?>) point.get("cpu");
                row(
                        "Carebank via " + path + ", " + clients + " client(s), commands/s",
                        (double) point.get("commandsPerSecond"),
                        "p50 " + point.get("p50Ms") + " ms, p99 " + point.get("p99Ms") + " ms; CPU per command: JVM "
                                + cpu.get("jvmMsEach") + " ms, PostgreSQL " + cpu.get("postgresMsEach")
                                + " ms (cores allow " + cpu.get("cpuBoundPerSecond") + "/s)");
                System.out.println("      JVM CPU ms per command, by threads: " + cpu.get("jvmMsEachByThreads"));
            }
        }
        results.put("commandThroughput", figures);
    }

    /**
     * Runs both paths until the JIT has compiled what they use: until a round of both spends under 5% of its time
     * compiling, or for at most {@code bench.warmUpSeconds} (120). On 2 busy cores the service's JIT warm-up takes
     * minutes, and its compiling would otherwise be counted as CPU per command of the measured points. A service runs
     * for days, so the steady state is what a council gets.
     */
    private void warmUp() throws Exception {
        var compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        var rounds = new ArrayList<Map<String, Object>>();
        while (true) {
            long compiledBefore = compiler.getTotalCompilationTime();
            long roundStart = System.nanoTime();
            throughput(gateway(), 5, 4);
            throughput(overHttp(), 5, 4);
            double roundSeconds = (System.nanoTime() - roundStart) / 1e9;
            double compiling = (compiler.getTotalCompilationTime() - compiledBefore) / 1000.0 / roundSeconds;
            double elapsed = (System.nanoTime() - started) / 1e9;
            rounds.add(Map.of("afterSeconds", round(elapsed), "jitShareOfRound", round(compiling)));
            System.out.printf(
                    Locale.ROOT,
                    "  warm-up: %.0f s, JIT compiling %.0f%% of the last round%n",
                    elapsed,
                    100 * compiling);
            if (compiling < 0.05 || elapsed >= WARM_UP_SECONDS) {
                break;
            }
        }
        results.put("warmUp", rounds);
    }

    private Map<String, Object> throughput(Sender sender, double seconds, int clients) throws Exception {
        var lifecycles = new ArrayList<Lifecycle>();
        for (int c = 0; c < clients; c++) {
            lifecycles.add(new Lifecycle());
        }
        return throughput(sender, seconds, lifecycles);
    }

    /** Clients each run visit lifecycles (schedule, check in, check out) back to back for the given time. */
    private Map<String, Object> throughput(Sender sender, double seconds, List<Lifecycle> lifecycles) throws Exception {
        int clients = lifecycles.size();
        var stop = new AtomicBoolean();
        var commands = new AtomicLong();
        var latencies = Collections.synchronizedList(new ArrayList<Long>());
        var errors = Collections.synchronizedList(new ArrayList<Throwable>());
        var go = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (var lifecycle : lifecycles) {
            var thread = new Thread(() -> {
                try {
                    go.await();
                    while (!stop.get()) {
                        String visitId = "bench-v-" + visitNo.incrementAndGet();
                        Instant start = lifecycle.nextStart();
                        long t0 = System.nanoTime();
                        sender.schedule(visitId, lifecycle.workerId, start);
                        long t1 = System.nanoTime();
                        sender.checkIn(visitId, start.plusSeconds(120));
                        long t2 = System.nanoTime();
                        sender.checkOut(visitId, start.plusSeconds(2820));
                        long t3 = System.nanoTime();
                        latencies.add(t1 - t0);
                        latencies.add(t2 - t1);
                        latencies.add(t3 - t2);
                        commands.addAndGet(3);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            thread.setName("bench-client-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        long started = System.nanoTime();
        var cpuAtStart = Figures.CpuTime.now();
        go.countDown();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        long done = commands.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        var cpu = Figures.CpuTime.now().perUnitSince(cpuAtStart, Math.max(1, done));
        for (var thread : threads) {
            thread.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("throughput run failed", errors.get(0));
        }
        var point = new LinkedHashMap<String, Object>();
        point.put("clients", clients);
        point.put("commands", done);
        point.put("commandsPerSecond", round(done / elapsed));
        point.putAll(Figures.latency(new ArrayList<>(latencies)));
        point.put("cpu", cpu);
        return point;
    }

    // ---------------------------------------------------------------- bulk roster

    private void bulkRoster() throws Exception {
        var lifecycle = new Lifecycle();
        var lines = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < ROSTER_VISITS; i++) {
            lines.add(Map.of(
                    "visitId",
                    "bench-r-" + visitNo.incrementAndGet(),
                    "packageId",
                    packageId,
                    "workerId",
                    lifecycle.workerId,
                    "plannedStart",
                    lifecycle.nextStart().toString(),
                    "plannedMinutes",
                    45));
        }
        long started = System.nanoTime();
        var cpuAtStart = Figures.CpuTime.now();
        for (int i = 0; i < lines.size(); i += 500) {
            var reply = post(
                    "bench", "/api/v1/rosters", Map.of("visits", lines.subList(i, Math.min(lines.size(), i + 500))));
            expect(reply);
            if (!reply.contains("\"refused\":0")) {
                throw new IllegalStateException(
                        "roster lines refused: " + reply.substring(0, Math.min(500, reply.length())));
            }
        }
        double rate = ROSTER_VISITS / ((System.nanoTime() - started) / 1e9);
        var cpu = Figures.CpuTime.now().perUnitSince(cpuAtStart, ROSTER_VISITS);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("cpuPerVisit", cpu);
        figures.put("visits", ROSTER_VISITS);
        figures.put("linesPerRequest", 500);
        figures.put("visitsPerSecond", round(rate));
        results.put("bulkRoster", figures);
        row(
                "Carebank bulk roster over HTTP (500 lines/request), visits/s",
                rate,
                "1 event per visit; CPU per visit: JVM " + cpu.get("jvmMsEach") + " ms, PostgreSQL "
                        + cpu.get("postgresMsEach") + " ms");
    }

    // ---------------------------------------------------------------- 2b. history import

    /**
     * The history import's rate beside baseline (a) in the same run: {@code bench.importVisits} past visits of one
     * worker, each checked in and out (4 events), sent as CSV in requests of {@code bench.importLinesPerRequest} lines.
     */
    private void historyImport() throws Exception {
        var worker = newWorker();
        Instant first = firstSlot.minus(java.time.Duration.ofDays(400));
        var requests = new ArrayList<String>();
        var body = new StringBuilder();
        int inBody = 0;
        for (int i = 0; i < IMPORT_VISITS; i++) {
            if (inBody == 0) {
                body.append(
                        "visitId,packageId,workerId,plannedStart,plannedMinutes,checkedInAt,checkedOutAt,method\r\n");
            }
            Instant start = first.plusSeconds(3600L * i);
            body.append("bench-i-")
                    .append(visitNo.incrementAndGet())
                    .append(',')
                    .append(packageId)
                    .append(',')
                    .append(worker)
                    .append(',')
                    .append(start)
                    .append(",45,")
                    .append(start.plusSeconds(120))
                    .append(',')
                    .append(start.plusSeconds(120 + 45 * 60))
                    .append(",APP_GPS\r\n");
            if (++inBody == IMPORT_LINES_PER_REQUEST) {
                requests.add(body.toString());
                body.setLength(0);
                inBody = 0;
            }
        }
        if (inBody > 0) {
            requests.add(body.toString());
        }
        long started = System.nanoTime();
        var cpuAtStart = Figures.CpuTime.now();
        for (String csv : requests) {
            String reply = sendRaw("council", "/api/v1/imports/visits", "text/csv", csv);
            if (!reply.contains("\"refused\":0")) {
                throw new IllegalStateException(
                        "import lines refused: " + reply.substring(Math.max(0, reply.length() - 500)));
            }
        }
        double rate = IMPORT_VISITS / ((System.nanoTime() - started) / 1e9);
        var cpu = Figures.CpuTime.now().perUnitSince(cpuAtStart, IMPORT_VISITS);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("cpuPerVisit", cpu);
        figures.put("visits", IMPORT_VISITS);
        figures.put("linesPerRequest", IMPORT_LINES_PER_REQUEST);
        figures.put("eventsPerVisit", 4);
        figures.put("visitsPerSecond", round(rate));
        results.put("historyImport", figures);
        row(
                "Carebank history import over HTTP (CSV, " + IMPORT_LINES_PER_REQUEST + " lines/request), visits/s",
                rate,
                "4 events per visit; CPU per visit: JVM " + cpu.get("jvmMsEach") + " ms, PostgreSQL "
                        + cpu.get("postgresMsEach") + " ms");
    }

    private String sendRaw(String user, String path, String contentType, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", contentType)
                .timeout(java.time.Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        var response = CLIENTS_BY_THREAD.get().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    // ---------------------------------------------------------------- 3. projection lag (and 6. memory)

    private void projectionLag() throws Exception {
        int clients = 16;
        var lifecycles = new ArrayList<Lifecycle>();
        for (int c = 0; c < clients; c++) {
            lifecycles.add(new Lifecycle());
        }
        var sender = overHttp();
        long intervalNanos = 1_000_000_000L / LAG_RATE;
        var slot = new AtomicLong();
        var commands = new AtomicLong();
        var lags = Collections.synchronizedList(new ArrayList<Long>());
        var errors = Collections.synchronizedList(new ArrayList<Throwable>());
        var stop = new AtomicBoolean();
        long started = System.nanoTime();
        var threads = new ArrayList<Thread>();
        try (var memory = new Figures.MemorySampler()) {
            for (int c = 0; c < clients; c++) {
                var lifecycle = lifecycles.get(c);
                boolean prober = c < 4; // four of the sixteen clients wait for their check-in to show
                var thread = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            String visitId = "bench-l-" + visitNo.incrementAndGet();
                            Instant start = lifecycle.nextStart();
                            pace(started, slot.getAndIncrement() * intervalNanos);
                            sender.schedule(visitId, lifecycle.workerId, start);
                            commands.incrementAndGet();
                            pace(started, slot.getAndIncrement() * intervalNanos);
                            sender.checkIn(visitId, start.plusSeconds(60));
                            long answered = System.nanoTime();
                            commands.incrementAndGet();
                            if (prober) {
                                // From the command's answer (its events are committed) until the query API shows it.
                                while (!visible(visitId)) {
                                    Thread.sleep(2);
                                }
                                lags.add(System.nanoTime() - answered);
                            }
                            pace(started, slot.getAndIncrement() * intervalNanos);
                            sender.checkOut(visitId, start.plusSeconds(2760));
                            commands.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(LAG_SECONDS * 1000L);
            stop.set(true);
            double elapsed = (System.nanoTime() - started) / 1e9;
            long done = commands.get();
            for (var thread : threads) {
                thread.join();
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("lag run failed", errors.get(0));
            }
            var figures = new LinkedHashMap<String, Object>();
            figures.put("targetCommandsPerSecond", LAG_RATE);
            figures.put("achievedCommandsPerSecond", round(done / elapsed));
            figures.put("clients", clients);
            figures.put("lag", Figures.latency(new ArrayList<>(lags)));
            results.put("projectionLag", figures);
            results.put("memoryDuringLag", memory.figures());
            var lag = (Map<?, ?>) figures.get("lag");
            row(
                    "Projection lag at " + LAG_RATE + " commands/s target (achieved "
                            + figures.get("achievedCommandsPerSecond") + "), p99 ms",
                    (double) lag.get("p99Ms"),
                    "p50 " + lag.get("p50Ms") + " ms, " + lag.get("samples") + " samples");
            row(
                    "  memory during lag: heap max MB",
                    (double) memory.figures().get("heapUsedMaxMb"),
                    "RSS max " + memory.figures().get("rssMaxMb") + " MB");
        }
    }

    /** The visit as the query API shows it is checked in (404 until its row exists). */
    private boolean visible(String visitId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/visits/" + visitId))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8)))
                .GET();
        var response = CLIENTS_BY_THREAD.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"IN_PROGRESS\"");
    }

    private static void pace(long started, long offsetNanos) throws InterruptedException {
        long wait = started + offsetNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    // ---------------------------------------------------------------- 4. replay and 5. query latency

    /**
     * The rebuild of every projection, as the service does it (each processor shut down, its tokens reset, which runs
     * its reset handler, and started again; all together), over a store of at least {@code bench.replayEvents} events
     * written with baseline (a)'s batch insert in the service's format and hash chain. Run in the service just started
     * (nothing but the store's generation before it in this JVM), again in the same service now warm, and then warm with
     * each further segment count of {@code bench.replaySegments} (Axon's split of the running processors' segments;
     * travel stays in its one segment, see TravelConfiguration).
     */
    private void replayAndQueries(String url) throws Exception {
        var processors = projections();
        awaitClaimed(processors.values());
        // The first runs' segment count is made before the store exists: splitting needs running processors.
        split(processors, REPLAY_SEGMENTS.get(0));
        processors.values().forEach(StreamingEventProcessor::shutDown);

        var figures = new LinkedHashMap<String, Object>();
        results.put("replay", figures);
        long generating = System.nanoTime();
        long stored;
        try (var writer = new StoreWriter(url, true)) {
            stored = store.generate(REPLAY_EVENTS, STORE_VISITS, 1000, "Carebank store", writer::write);
        }
        double generationSeconds = (System.nanoTime() - generating) / 1e9;
        results.put("storeGenerationEventsPerSecond", round(stored / generationSeconds));
        long head = scalar("SELECT MAX(globalindex) FROM domainevententry");
        long events = scalar("SELECT COUNT(*) FROM domainevententry");
        figures.put("eventsInStore", events);
        figures.put("generatedEvents", stored);
        figures.put("generatedVisits", store.visits());
        figures.put(
                "generation",
                Map.of(
                        "how", "JDBC batch insert (baseline (a)'s), 1,000 events a transaction, with hash chain links",
                        "seconds", round(generationSeconds),
                        "eventsPerSecond", round(stored / generationSeconds)));
        row(
                "Replay store: generated events (batch insert with chain), events/s",
                stored / generationSeconds,
                stored + " events, " + store.visits() + " visits, " + round(generationSeconds) + " s");
        // The service's other streaming processors (the command side's amendments, the webhook outbox) follow the
        // store live: they must be at the head before the clock starts, or they would share the cores unmeasured.
        awaitOthersAtHead(processors.keySet(), head);

        var runs = new LinkedHashMap<String, Object>();
        figures.put("runs", runs);
        int segments = REPLAY_SEGMENTS.get(0);
        String first = REPLAY_MODES.get(0);
        runs.put(
                "justStarted_" + first + "_" + segments + "segments",
                replay(processors, head, events, "just started, " + first + ", " + segments + " segment(s)", first));
        for (String mode : REPLAY_MODES) {
            runs.put(
                    "warm_" + mode + "_" + segments + "segments",
                    replay(processors, head, events, "warm, " + mode + ", " + segments + " segment(s)", mode));
        }
        for (int more : REPLAY_SEGMENTS.subList(1, REPLAY_SEGMENTS.size())) {
            split(processors, more);
            for (String mode : REPLAY_MODES) {
                runs.put(
                        "warm_" + mode + "_" + more + "segments",
                        replay(processors, head, events, "warm, " + mode + ", " + more + " segment(s)", mode));
            }
        }
        figures.put(
                "note",
                "all projections replay at once: joint = one read of the store per segment for all of them (the"
                        + " service's POST /admin/projections/rebuild), separate = each processor reading every event"
                        + " for itself; events/s = events in store"
                        + " / seconds until every projection's tokens reach the head; cores = (JVM + PostgreSQL CPU"
                        + " time) / wall time");
        queries();
    }

    /** Every projection the rebuild API offers: the streaming processors of views ({@code *-views}). */
    private Map<String, StreamingEventProcessor> projections() {
        var processing =
                service.getBean(org.axonframework.config.Configuration.class).eventProcessingConfiguration();
        var processors = new java.util.TreeMap<String, StreamingEventProcessor>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (name.endsWith("-views") && processor instanceof StreamingEventProcessor streaming) {
                processors.put(name, streaming);
            }
        });
        return processors;
    }

    /** Axon pitfall (see ProjectionRebuilds): a processor shut down before it has claimed its segments may not again. */
    private static void awaitClaimed(java.util.Collection<StreamingEventProcessor> processors) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (processors.stream().anyMatch(p -> p.processingStatus().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private void awaitOthersAtHead(java.util.Set<String> views, long head) throws Exception {
        var processing =
                service.getBean(org.axonframework.config.Configuration.class).eventProcessingConfiguration();
        long started = System.nanoTime();
        long lastReport = started;
        for (var entry : processing.eventProcessors().entrySet()) {
            if (views.contains(entry.getKey()) || !(entry.getValue() instanceof StreamingEventProcessor other)) {
                continue;
            }
            while (other.isRunning() && !reached(other, head)) {
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(
                            Locale.ROOT,
                            "  waiting for %s to follow the generated store: at %d of %d%n",
                            entry.getKey(),
                            position(other),
                            head);
                }
                if (System.nanoTime() - started > 3_600_000_000_000L) {
                    throw new IllegalStateException(entry.getKey() + " did not reach the head in an hour");
                }
                Thread.sleep(200);
            }
        }
        results.put("otherProcessorsCatchUpSeconds", round((System.nanoTime() - started) / 1e9));
    }

    /**
     * Splits every projection but travel's into {@code segments} parts (a power of two), with Axon's split of a
     * running processor's claimed segments, and waits until all are claimed again. Only on running processors: a
     * processor started here would follow the store live before its measured replay.
     */
    private static void split(Map<String, StreamingEventProcessor> processors, int segments) throws Exception {
        for (var entry : processors.entrySet()) {
            if (entry.getKey().equals("travel-views")) {
                continue; // one segment by design: a worker-day's legs need all its visits in order
            }
            var processor = entry.getValue();
            int current = allClaimed(processor, 1);
            while (current < segments) {
                for (int id : List.copyOf(processor.processingStatus().keySet())) {
                    if (!processor.splitSegment(id).get(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("could not split segment " + id + " of " + entry.getKey());
                    }
                }
                current = allClaimed(processor, 2 * current);
            }
        }
    }

    /** Waits until the processor holds every segment of its stream, at least {@code atLeast}; answers how many. */
    private static int allClaimed(StreamingEventProcessor processor, int atLeast) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            var status = Map.copyOf(processor.processingStatus());
            if (!status.isEmpty()) {
                int expected = status.values().iterator().next().getSegment().getMask() + 1;
                if (status.size() == expected && expected >= atLeast) {
                    return expected;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(processor.getName() + " did not claim " + atLeast + " segments in 2 minutes");
    }

    /** One rebuild of every projection, timed until all are at the head, with progress every ten seconds. */
    private Map<String, Object> replay(
            Map<String, StreamingEventProcessor> processors, long head, long events, String label, String mode)
            throws Exception {
        boolean joint = mode.equals("joint");
        var figures = new LinkedHashMap<String, Object>();
        figures.put("label", label);
        figures.put("mode", mode);
        if (!joint) {
            processors.values().forEach(StreamingEventProcessor::shutDown);
            processors.values().forEach(StreamingEventProcessor::resetTokens);
        }
        var caughtUp = new LinkedHashMap<String, Double>();
        var segments = new LinkedHashMap<String, Integer>();
        resetStatementStatistics();
        try (var memory = new Figures.MemorySampler()) {
            var cpuAtStart = Figures.CpuTime.now();
            long started = System.nanoTime();
            if (joint) {
                expect(post("admin", "/api/v1/admin/projections/rebuild", Map.of()));
            } else {
                processors.values().forEach(StreamingEventProcessor::start);
            }
            var progress = new Progress("replay (" + label + ")", head, started);
            while (caughtUp.size() < processors.size()) {
                for (var entry : processors.entrySet()) {
                    if (!caughtUp.containsKey(entry.getKey()) && reached(entry.getValue(), head)) {
                        caughtUp.put(entry.getKey(), (System.nanoTime() - started) / 1e9);
                        segments.put(
                                entry.getKey(),
                                entry.getValue().processingStatus().size());
                    }
                }
                progress.report(
                        joint
                                ? this::slowestRebuildPosition
                                : () -> processors.values().stream()
                                        .filter(p -> !reached(p, head))
                                        .mapToLong(CarebankBenchmark::position)
                                        .min()
                                        .orElse(head),
                        memory);
                if ((System.nanoTime() - started) / 1e9 > 3 * 3600) {
                    throw new IllegalStateException("replay did not finish in 3 hours: " + caughtUp);
                }
                Thread.sleep(100);
            }
            double total = (System.nanoTime() - started) / 1e9;
            // Per event in the store, for all projections together: where a rebuild's CPU goes.
            var cpu = Figures.CpuTime.now().perUnitSince(cpuAtStart, events);
            double cores = cores(cpu, events, total);
            figures.put("cpuPerEvent", cpu);
            figures.put("coresUsed", round(cores));
            var perProjection = new LinkedHashMap<String, Object>();
            caughtUp.forEach((name, seconds) -> perProjection.put(
                    name,
                    Map.of(
                            "seconds", round(seconds),
                            "eventsPerSecond", round(events / seconds),
                            "segments", segments.get(name))));
            figures.put("perProjection", perProjection);
            figures.put("allProjectionsSeconds", round(total));
            figures.put("eventsPerSecondAllProjections", round(events / total));
            figures.put("memory", memory.figures());
            figures.put("postgresTopStatements", topStatements(events));
            row(
                    "Replay of all projections (" + label + ") from " + events + " events, events/s",
                    events / total,
                    round(total) + " s; cores used " + round(cores));
            caughtUp.forEach((name, seconds) -> row(
                    "  " + name + " (" + segments.get(name) + " segment(s)), events/s",
                    events / seconds,
                    round(seconds) + " s"));
            row(
                    "  CPU per event, all projections: JVM ms",
                    (double) cpu.get("jvmMsEach"),
                    "PostgreSQL " + cpu.get("postgresMsEach") + " ms (cores allow " + cpu.get("cpuBoundPerSecond")
                            + " events/s)");
            System.out.println("      JVM CPU ms per event, by threads: " + cpu.get("jvmMsEachByThreads"));
            row(
                    "  memory during replay: heap max MB",
                    (double) memory.figures().get("heapUsedMaxMb"),
                    "RSS max " + memory.figures().get("rssMaxMb") + " MB");
        }
        return figures;
    }

    /** Cores kept busy: the JVM's and PostgreSQL's CPU time over the wall time. */
    static double cores(Map<String, Object> cpuPerUnit, long units, double seconds) {
        double ms = ((double) cpuPerUnit.get("jvmMsEach") + (double) cpuPerUnit.get("postgresMsEach")) * units;
        return ms / 1000 / seconds;
    }

    /** Prints a long phase's progress every ten seconds: events/s so far and the time left at that rate. */
    static final class Progress {
        private final String label;
        private final long head;
        private final long started;
        private long lastReport;

        Progress(String label, long head, long started) {
            this.label = label;
            this.head = head;
            this.started = started;
            this.lastReport = started;
        }

        void report(java.util.function.LongSupplier slowest, Figures.MemorySampler memory) {
            long now = System.nanoTime();
            if (now - lastReport < 10_000_000_000L) {
                return;
            }
            lastReport = now;
            long position = slowest.getAsLong();
            double rate = position / ((now - started) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "  %s: slowest projection at %,d of %,d (%.0f%%), %.0f events/s, about %.0f s left; heap %.0f MB,"
                            + " RSS %.0f MB%n",
                    label,
                    position,
                    head,
                    100.0 * position / head,
                    rate,
                    rate > 0 ? (head - position) / rate : Double.NaN,
                    Figures.heapUsedMb(),
                    Figures.rssMb());
        }
    }

    /** The position of the projection furthest behind, as the service's rebuild progress reports it. */
    private long slowestRebuildPosition() {
        try {
            long slowest = Long.MAX_VALUE;
            for (var projection : JSON.readTree(get("admin", "/api/v1/admin/projections"))) {
                slowest = Math.min(slowest, projection.path("position").asLong());
            }
            return slowest == Long.MAX_VALUE ? -1 : slowest;
        } catch (Exception e) {
            return -1;
        }
    }

    /** The lowest position any of the processor's segments has reached (-1 before it has one). */
    static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min()
                .orElse(-1);
    }

    static boolean reached(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        int covered = 0;
        for (var segment : status.values()) {
            if (segment.getCurrentPosition().orElse(-1) < head) {
                return false;
            }
            covered += 1;
        }
        // every segment claimed and at the head: the whole stream is processed
        int expected = status.values().iterator().next().getSegment().getMask() + 1;
        return covered >= expected;
    }

    private void resetStatementStatistics() throws Exception {
        try (var c = service.getBean(DataSource.class).getConnection();
                var s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * PostgreSQL's statements of the service's database by total execution time since the last reset: calls, ms per
     * event in the store, ms per call, rows, and the statement's start. Printed too.
     */
    private List<Map<String, Object>> topStatements(long events) throws Exception {
        var top = new ArrayList<Map<String, Object>>();
        try (var c = service.getBean(DataSource.class).getConnection();
                var s = c.createStatement();
                var rows = s.executeQuery("SELECT calls, total_exec_time, rows, left(regexp_replace(query, '\\s+', ' ',"
                        + " 'g'), 150) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname"
                        + " = current_database()) ORDER BY total_exec_time DESC LIMIT 12")) {
            System.out.println("      PostgreSQL statements by total time (ms per event in the store, calls, ms per call):");
            while (rows.next()) {
                long calls = rows.getLong(1);
                double total = rows.getDouble(2);
                var statement = new LinkedHashMap<String, Object>();
                statement.put("msPerEvent", Math.round(total / events * 10_000) / 10_000.0);
                statement.put("calls", calls);
                statement.put("msPerCall", round(total / Math.max(1, calls)));
                statement.put("rows", rows.getLong(3));
                statement.put("query", rows.getString(4));
                top.add(statement);
                System.out.printf(
                        Locale.ROOT,
                        "        %.4f  %,10d  %.3f  %s%n",
                        total / events,
                        calls,
                        total / Math.max(1, calls),
                        rows.getString(4));
            }
        } catch (java.sql.SQLException e) {
            System.out.println("      (no statement statistics: " + e.getMessage() + ")");
        }
        return top;
    }

    private long scalar(String sql) throws Exception {
        try (var c = service.getBean(DataSource.class).getConnection();
                var s = c.createStatement();
                var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void queries() throws Exception {
        var random = new Random(5);
        var figures = new LinkedHashMap<String, Object>();
        Instant origin = Instant.parse("2026-01-05T00:00:00Z");
        Map<String, java.util.function.Supplier<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("visit list (provider, one day, page of 50)", () -> {
            Instant from = origin.plusSeconds(86400L * random.nextInt(40));
            return "/api/v1/visits?providerId=store-provider-" + random.nextInt(20) + "&from=" + from + "&to="
                    + from.plusSeconds(86400) + "&size=50";
        });
        endpoints.put(
                "visit list (client, page of 50)",
                () -> "/api/v1/visits?clientRef=STORE-C" + random.nextInt(5000) + "&size=50");
        endpoints.put("visit by id", () -> "/api/v1/visits/store-v-" + random.nextInt(store.visits()));
        endpoints.put(
                "time bank of a client",
                () -> "/api/v1/clients/"
                        + store.bankClients()
                                .get(random.nextInt(store.bankClients().size())) + "/time-bank");
        endpoints.put(
                "time bank ledger of a client",
                () -> "/api/v1/clients/"
                        + store.bankClients()
                                .get(random.nextInt(store.bankClients().size())) + "/time-bank/ledger");
        endpoints.put(
                "time banks of a provider", () -> "/api/v1/time-banks?providerId=store-provider-" + random.nextInt(20));
        for (var endpoint : endpoints.entrySet()) {
            for (int i = 0; i < 30; i++) {
                get("council", endpoint.getValue().get());
            }
            var samples = new ArrayList<Long>();
            for (int i = 0; i < 300; i++) {
                String path = endpoint.getValue().get();
                long t0 = System.nanoTime();
                get("council", path);
                samples.add(System.nanoTime() - t0);
            }
            var latency = Figures.latency(samples);
            figures.put(endpoint.getKey(), latency);
            row(
                    "Query p99 ms: " + endpoint.getKey(),
                    (double) latency.get("p99Ms"),
                    "p50 " + latency.get("p50Ms") + " ms");
        }
        results.put("queryLatency", figures);
    }

    // ---------------------------------------------------------------- 7. the peer

    /**
     * The same lifecycle commands and the same replay on the peer ({@link Peer}), a plain Axon application with its
     * defaults, in its own database of the same PostgreSQL, after the service has closed: its commands through its
     * gateway at 1/4/16 clients after a short warm-up, and a replay of its one tracking processor over a store of the
     * same history as Carebank's replay store, written in the peer's format with the same batch insert.
     */
    private void peer(String url) throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        results.put("peer", figures);
        figures.put(
                "what",
                "plain Axon 4.13 DefaultConfigurer: simple command bus, JdbcEventStorageEngine, JdbcTokenStore,"
                        + " JacksonSerializer, one TrackingEventProcessor with defaults (1 thread, 1 segment, batch"
                        + " size 1) writing one visit table with JdbcTemplate; Hikari pool of 10");
        try (var peer = new Peer(url)) {
            if (PHASES.contains("commands")) {
                var sender = peerSender(peer.gateway());
                for (int round = 0; round < PEER_WARM_UP_ROUNDS; round++) {
                    throughput(sender, 5, peerLifecycles(4));
                }
                for (int clients : CLIENTS) {
                    var point = throughput(sender, SECONDS, peerLifecycles(clients));
                    figures.put("gateway_" + clients + "clients", point);
                    var cpu = (Map<?, ?>) point.get("cpu");
                    row(
                            "Peer via gateway, " + clients + " client(s), commands/s",
                            (double) point.get("commandsPerSecond"),
                            "p50 " + point.get("p50Ms") + " ms, p99 " + point.get("p99Ms")
                                    + " ms; CPU per command: JVM " + cpu.get("jvmMsEach") + " ms, PostgreSQL "
                                    + cpu.get("postgresMsEach") + " ms");
                }
            }
            if (PHASES.contains("replay")) {
                peerReplay(peer, figures);
            }
        }
    }

    private List<Lifecycle> peerLifecycles(int clients) {
        var lifecycles = new ArrayList<Lifecycle>();
        for (int c = 0; c < clients; c++) {
            lifecycles.add(new Lifecycle("peer-w-" + workerNo.incrementAndGet()));
        }
        return lifecycles;
    }

    private static Sender peerSender(CommandGateway gateway) {
        return new Sender() {
            public void schedule(String visitId, String workerId, Instant start) {
                gateway.sendAndWait(new Peer.Schedule(
                        "visit:" + visitId,
                        visitId,
                        new VisitPlan("peer-pkg", workerId, start, 45, false, null, null, null)));
            }

            public void checkIn(String visitId, Instant at) {
                gateway.sendAndWait(new Peer.CheckIn("visit:" + visitId, at));
            }

            public void checkOut(String visitId, Instant at) {
                gateway.sendAndWait(new Peer.CheckOut("visit:" + visitId, at));
            }
        };
    }

    private void peerReplay(Peer peer, Map<String, Object> figures) throws Exception {
        var processor = peer.processor();
        processor.shutDown();
        // The same history as Carebank's store (same generator, same seed, same visits), unless told otherwise.
        boolean sameHistory = PEER_REPLAY_EVENTS < 0 && store.visits() > 0;
        long target = PEER_REPLAY_EVENTS >= 0 ? PEER_REPLAY_EVENTS : REPLAY_EVENTS;
        // Only the generated history, as in Carebank's store (its replay runs before its commands): the command phase's
        // visits go, and the replay covers the same events in both.
        peer.execute("TRUNCATE domainevententry");
        long generating = System.nanoTime();
        long stored;
        try (var writer = new StoreWriter(peer.jdbcUrl(), false)) {
            stored = new StoreGenerator()
                    .generate(target, sameHistory ? store.visits() : STORE_VISITS, 1000, "peer store", writer::write);
        }
        double generationSeconds = (System.nanoTime() - generating) / 1e9;
        long head = peer.scalar("SELECT MAX(globalindex) FROM domainevententry");
        long events = peer.scalar("SELECT COUNT(*) FROM domainevententry");
        var replay = new LinkedHashMap<String, Object>();
        figures.put("replay", replay);
        replay.put("eventsInStore", events);
        replay.put("generatedEvents", stored);
        replay.put("sameHistoryAsCarebank", sameHistory);
        replay.put(
                "generation",
                Map.of(
                        "how",
                        "JDBC batch insert (baseline (a)'s) in the peer's format, 1,000 events a transaction",
                        "seconds",
                        round(generationSeconds)));
        processor.resetTokens();
        try (var memory = new Figures.MemorySampler()) {
            var cpuAtStart = Figures.CpuTime.now();
            long started = System.nanoTime();
            processor.start();
            var progress = new Progress("peer replay", head, started);
            while (!reached(processor, head)) {
                progress.report(() -> position(processor), memory);
                if ((System.nanoTime() - started) / 1e9 > 3 * 3600) {
                    throw new IllegalStateException("peer replay did not finish in 3 hours");
                }
                Thread.sleep(100);
            }
            double total = (System.nanoTime() - started) / 1e9;
            var cpu = Figures.CpuTime.now().perUnitSince(cpuAtStart, events);
            double cores = cores(cpu, events, total);
            replay.put("seconds", round(total));
            replay.put("eventsPerSecond", round(events / total));
            replay.put("cpuPerEvent", cpu);
            replay.put("coresUsed", round(cores));
            replay.put("memory", memory.figures());
            replay.put("visitRows", peer.scalar("SELECT COUNT(*) FROM peer_visit"));
            row(
                    "Peer replay (one tracking processor, defaults) from " + events + " events, events/s",
                    events / total,
                    round(total) + " s; cores used " + round(cores) + "; CPU per event JVM " + cpu.get("jvmMsEach")
                            + " ms, PostgreSQL " + cpu.get("postgresMsEach") + " ms");
        }
    }

    // ---------------------------------------------------------------- ratios, output

    @SuppressWarnings("unchecked")
    private void ratios() {
        var baselines = (Map<String, Object>) results.get("baselines");
        var throughput = (Map<String, Object>) results.get("commandThroughput");
        var ratios = new LinkedHashMap<String, Object>();
        results.put("ratios", ratios);
        peerRatios(ratios, throughput, baselines);
        if (baselines == null) {
            return;
        }
        for (var path : throughput == null ? List.<String>of() : List.of("gateway", "http")) {
            for (int clients : CLIENTS) {
                double carebank = (double) ((Map<String, Object>) throughput.get(path + "_" + clients + "clients"))
                        .get("commandsPerSecond");
                double baseline = (double) baselines.get("b_perCommandPerSecond_" + clients + "clients");
                ratios.put(path + "_" + clients + "clients_vs_b", round(carebank / baseline));
                row("ratio " + path + " / baseline (b), " + clients + " client(s)", carebank / baseline, "");
            }
        }
        if (results.get("bulkRoster") instanceof Map<?, ?> bulk) {
            double roster = (double) bulk.get("visitsPerSecond");
            double batch = (double) baselines.get("a_batchInsertEventsPerSecond");
            ratios.put("bulkRoster_vs_a", round(roster / batch));
            row("ratio bulk roster / baseline (a)", roster / batch, "");
        }
        if (results.get("historyImport") instanceof Map<?, ?> imported) {
            // Baseline (a) inserts events; an imported visit is 4 events, so its events/s are compared.
            double events = 4 * (double) imported.get("visitsPerSecond");
            double batch = (double) baselines.get("a_batchInsertEventsPerSecond");
            ratios.put("historyImportEvents_vs_a", round(events / batch));
            row("ratio history import events/s / baseline (a)", events / batch, "");
        }
    }

    /**
     * Carebank / peer: commands through each one's gateway at the same client counts, and the rebuild (Carebank's every
     * projection against the peer's one); the peer beside baseline (b) too, so that both read against the same limit.
     */
    @SuppressWarnings("unchecked")
    private void peerRatios(Map<String, Object> ratios, Map<String, Object> throughput, Map<String, Object> baselines) {
        if (!(results.get("peer") instanceof Map<?, ?> peer)) {
            return;
        }
        for (int clients : CLIENTS) {
            if (!(peer.get("gateway_" + clients + "clients") instanceof Map<?, ?> point)) {
                continue;
            }
            double peerRate = (double) point.get("commandsPerSecond");
            if (throughput != null) {
                double carebank = (double) ((Map<String, Object>) throughput.get("gateway_" + clients + "clients"))
                        .get("commandsPerSecond");
                ratios.put("gateway_" + clients + "clients_vs_peer", round(carebank / peerRate));
                row("ratio Carebank gateway / peer gateway, " + clients + " client(s)", carebank / peerRate, "");
            }
            if (baselines != null) {
                double baseline = (double) baselines.get("b_perCommandPerSecond_" + clients + "clients");
                ratios.put("peer_gateway_" + clients + "clients_vs_b", round(peerRate / baseline));
                row("ratio peer gateway / baseline (b), " + clients + " client(s)", peerRate / baseline, "");
            }
        }
        if (peer.get("replay") instanceof Map<?, ?> peerReplay
                && results.get("replay") instanceof Map<?, ?> replay
                && replay.get("runs") instanceof Map<?, ?> runs) {
            double peerRate = (double) peerReplay.get("eventsPerSecond");
            for (var run : runs.entrySet()) {
                double carebank = (double) ((Map<String, Object>) run.getValue()).get("eventsPerSecondAllProjections");
                ratios.put("replay_" + run.getKey() + "_vs_peer", round(carebank / peerRate));
                row(
                        "ratio Carebank replay (" + ((Map<String, Object>) run.getValue()).get("label")
                                + ", all projections) / peer replay (1 projection)",
                        carebank / peerRate,
                        "");
            }
        }
    }

    private void write() throws Exception {
        String printed = Figures.table(rows());
        System.out.println();
        System.out.println(printed);
        var output = Path.of(System.getProperty("bench.output", "target/benchmark-results.json"));
        Files.createDirectories(output.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), results);
        System.out.println("Written " + output.toAbsolutePath());
    }

    private List<String[]> rows() {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"measure", "value", "notes"});
        rows.addAll(table);
        return rows;
    }

    private void row(String measure, double value, String notes) {
        table.add(new String[] {measure, String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.0f", value), notes});
        System.out.printf(Locale.ROOT, "  %-70s %12.2f  %s%n", measure, value, notes);
    }

    // ---------------------------------------------------------------- HTTP

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ThreadLocal<HttpClient> CLIENTS_BY_THREAD = ThreadLocal.withInitial(
            () -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());

    private String post(String user, String path, Object body) throws Exception {
        return send(user, "POST", path, body);
    }

    private String put(String user, String path, Object body) throws Exception {
        return send(user, "PUT", path, body);
    }

    private String get(String user, String path) throws Exception {
        return send(user, "GET", path, null);
    }

    private String send(String user, String method, String path, Object body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        var response = CLIENTS_BY_THREAD.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static void expect(String reply) {
        // send() already refused anything but 2xx
    }
}
