package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.carebank.standalone.replay.ReplayCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline replay (issue 23, ADR 0024) against the service it must agree with: a history recorded through the API
 * (the dashboard scenario's day, a time bank, more events after the figures were "published"), exported through the
 * audit API, replayed by the jar's {@code replay} command in this JVM, and its answers compared with the service's
 * own, now and as of the instant the first figures were read. A service of its own, signing every 5 links.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineReplayTest {

    private RunningService service;
    private DashboardScenario day;
    private String clientRef;
    private String bankedVisit;
    private String bankPackage;
    private Instant published;
    private final Map<String, String> publishedAnswers = new LinkedHashMap<>();

    @TempDir
    Path files;

    private Path export;
    private Path verifyAnswer;
    private Path signingKeys;

    @BeforeAll
    void recordAndExport(@TempDir Path dir) throws Exception {
        service = RunningService.start("offline_replay", "--carebank.audit.signing.checkpoint-every=5");
        var council = service.as("council");
        day = DashboardScenario.happen(council);
        clientRef = ApiTestSupport.unique("C");
        bankPackage = ApiTestSupport.activePackage(council, council, day.providerId, clientRef, true);
        bankedVisit = deliveredEarly(council, bankPackage, day.bob, 180);
        ok(council.post(bank() + "/deposits", deposit(bankedVisit, 20)));

        awaitProjections();
        published = Instant.now();
        for (var figure : figuresNow().entrySet()) {
            publishedAnswers.put(figure.getKey(), council.get(figure.getValue()).text());
        }
        Thread.sleep(1_100); // every later event recorded strictly after the published instant

        // After publication: a withdrawal from the bank, and one more visit delivered on the scenario's day.
        ok(council.post(
                bank() + "/withdrawals",
                Map.of("withdrawalId", ApiTestSupport.unique("wd"), "minutes", 15, "purpose", "a longer visit")));
        String late = ApiTestSupport.unique("late");
        ok(council.put(
                "/api/v1/visits/" + late,
                ApiTestSupport.visit(
                        day.packageId, day.ann, Instant.parse(DashboardScenario.DATE + "T14:00:00Z"), 30)));
        ok(council.post(
                "/api/v1/visits/" + late + "/check-in",
                Map.of("at", DashboardScenario.DATE + "T14:05:00Z", "method", "APP_GPS")));
        ok(council.post(
                "/api/v1/visits/" + late + "/check-out",
                Map.of(
                        "at",
                        DashboardScenario.DATE + "T14:30:00Z",
                        "method",
                        "APP_GPS",
                        "endedEarlyAtClientRequest",
                        false)));
        awaitProjections();
        awaitSignedHead();

        var auditor = service.as("auditor");
        export = dir.resolve("history.ndjson");
        var exported = auditor.get("/api/v1/audit/events?after=0", "application/x-ndjson");
        assertThat(exported.status()).isEqualTo(200);
        Files.writeString(export, exported.text());
        verifyAnswer = dir.resolve("verify.json");
        Files.writeString(verifyAnswer, auditor.get("/api/v1/audit/verify").text());
        signingKeys = dir.resolve("signing-keys.json");
        Files.writeString(signingKeys, auditor.get("/api/v1/audit/signing-keys").text());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @DisplayName("the replayed figures are the service's own answers, JSON for JSON, and its CSV byte for byte")
    void replayNowAnswersAsTheService() throws Exception {
        Path out = files.resolve("now");
        var run = replay(withFigures(out, List.of()));
        assertThat(run.status).as(run.err).isEqualTo(0);
        assertThat(run.err).contains("chain verified").contains("signed by key");
        var council = service.as("council");
        for (var figure : figuresNow().entrySet()) {
            var live = council.get(figure.getValue());
            assertThat(live.status()).as(figure.getValue()).isEqualTo(200);
            assertThat(json(Files.readString(out.resolve(figure.getKey() + ".json"))))
                    .as(figure.getKey())
                    .isEqualTo(json(live.text()));
        }
        // The later visit is in the replay: the figures are not merely the published ones again.
        assertThat(json(Files.readString(out.resolve("performance.json"))))
                .isNotEqualTo(json(publishedAnswers.get("performance")));

        Path csv = files.resolve("performance.csv");
        var csvRun = replay(signed(
                "--figure",
                "performance",
                "--provider",
                day.providerId,
                "--month",
                DashboardScenario.MONTH,
                "--format",
                "csv",
                "--out",
                csv.toString()));
        assertThat(csvRun.status).as(csvRun.err).isEqualTo(0);
        assertThat(Files.readString(csv))
                .isEqualTo(
                        council.get(figuresNow().get("performance"), "text/csv").text());
    }

    @Test
    @DisplayName("--as-of the publication instant gives back the published figures, and the service's own asOf answers")
    void replayAsOfGivesThePublishedFigures() throws Exception {
        Path out = files.resolve("as-of");
        var run = replay(withFigures(out, List.of("--as-of", published.toString(), "--figure", "unmet-need")));
        assertThat(run.status).as(run.err).isEqualTo(0);
        for (var figure : publishedAnswers.entrySet()) {
            JsonNode replayed = json(Files.readString(out.resolve(figure.getKey() + ".json")));
            // An endpoint that takes asOf= itself was asked with it, and says so in its answer: the rest is as
            // published.
            if (replayed instanceof ObjectNode answer && answer.has("asOf")) {
                assertThat(answer.remove("asOf").asString()).isEqualTo(published.toString());
            }
            assertThat(replayed).as(figure.getKey()).isEqualTo(json(figure.getValue()));
        }
        var council = service.as("council");
        var asOfPaths = new LinkedHashMap<>(figuresNow());
        // unmet need's optional period is the run's --month too
        asOfPaths.put("unmet-need", "/api/v1/unmet-need?from=2027-03-01&to=2027-03-31&");
        for (String figure : List.of("visit", "package", "time-bank", "unmet-need")) {
            String path = asOfPaths.get(figure);
            String asOf = path + (path.endsWith("&") ? "" : "?") + "asOf=" + published;
            var live = council.get(asOf);
            assertThat(live.status()).as(asOf + " " + live.text()).isEqualTo(200);
            assertThat(json(Files.readString(out.resolve(figure + ".json"))))
                    .as(asOf)
                    .isEqualTo(json(live.text()));
        }
    }

    @Test
    @DisplayName("one byte of one event changed in the export: refused, the position named, no figure printed")
    void changedEventIsRefused() throws Exception {
        List<String> lines = Files.readAllLines(export);
        int index = lines.size() / 2;
        ObjectNode event = (ObjectNode) json(lines.get(index));
        long position = event.path("position").asLong();
        String line = lines.get(index);
        int at = line.indexOf("\"payload\":{") + "\"payload\":{".length();
        int digit = firstDigitAfter(line, at);
        char changed = line.charAt(digit) == '9' ? '8' : (char) (line.charAt(digit) + 1);
        lines.set(index, line.substring(0, digit) + changed + line.substring(digit + 1));
        Path tampered = files.resolve("tampered.ndjson");
        Files.write(tampered, lines);

        var run = replay(signed(
                tampered, "--figure", "performance", "--provider", day.providerId, "--month", DashboardScenario.MONTH));

        assertThat(run.status).isEqualTo(3);
        assertThat(run.err).contains("LINK_MISMATCH at position " + position);
        assertThat(run.out).isEmpty();
    }

    @Test
    @DisplayName("a checkpoint whose signature was altered is refused: CHECKPOINT_SIGNATURE_INVALID")
    void alteredCheckpointIsRefused() throws Exception {
        ObjectNode verify = (ObjectNode) json(Files.readString(verifyAnswer));
        ObjectNode newest = (ObjectNode) verify.path("checkpoints").path("newest");
        String signature = newest.path("signature").asString();
        newest.put("signature", (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        Path forged = files.resolve("forged-verify.json");
        Files.writeString(forged, verify.toString());

        var run = replay(new String[] {
            "--export",
            export.toString(),
            "--public-key",
            signingKeys.toString(),
            "--checkpoints",
            forged.toString(),
            "--verify-only"
        });

        assertThat(run.status).isEqualTo(3);
        assertThat(run.err)
                .contains("CHECKPOINT_SIGNATURE_INVALID at position "
                        + newest.path("position").asLong());
        assertThat(run.out).isEmpty();
    }

    @Test
    @DisplayName("--list names the figures; a figure without its options is a usage error before any replay")
    void listAndUsage() {
        var list = replay(new String[] {"--list"});
        assertThat(list.status).isEqualTo(0);
        assertThat(list.out)
                .contains("performance")
                .contains("travel-provider")
                .contains("time-bank")
                .contains("pay-compliance")
                .contains("unmet-need")
                .contains("statements")
                .contains("visit");
        var usage = replay(signed("--figure", "performance"));
        assertThat(usage.status).isEqualTo(2);
        assertThat(usage.err).contains("--provider");
    }

    // ---- the figures compared, by the replay's figure name ----

    private Map<String, String> figuresNow() {
        var paths = new LinkedHashMap<String, String>();
        String period = "?from=2027-03-01&to=2027-03-31";
        paths.put("performance", "/api/v1/providers/" + day.providerId + "/performance" + period);
        paths.put("performance-comparison", "/api/v1/performance/providers" + period);
        paths.put("charter", "/api/v1/providers/" + day.providerId + "/charter" + period);
        paths.put("pay-compliance", "/api/v1/providers/" + day.providerId + "/pay-compliance?month=2027-03");
        paths.put("travel-provider", "/api/v1/travel/providers/" + day.providerId + "?week=" + DashboardScenario.WEEK);
        paths.put("travel-worker", "/api/v1/travel/workers/" + day.ann + "?date=" + DashboardScenario.DATE);
        paths.put("visit", "/api/v1/visits/" + day.visits.get("v1"));
        paths.put("package", "/api/v1/packages/" + bankPackage);
        paths.put("time-bank", bank());
        paths.put("statements", "/api/v1/providers/" + day.providerId + "/statements");
        return paths;
    }

    private String[] withFigures(Path out, List<String> more) {
        var args = new ArrayList<>(List.of(signed(
                "--provider",
                day.providerId,
                "--month",
                DashboardScenario.MONTH,
                "--worker",
                day.ann,
                "--date",
                DashboardScenario.DATE,
                "--week",
                DashboardScenario.WEEK,
                "--client",
                clientRef,
                "--visit",
                day.visits.get("v1"),
                "--package",
                bankPackage,
                "--out",
                out.toString())));
        for (String figure : figuresNow().keySet()) {
            args.addAll(List.of("--figure", figure));
        }
        args.addAll(more);
        return args.toArray(String[]::new);
    }

    private String[] signed(String... figureArgs) {
        return signed(export, figureArgs);
    }

    private String[] signed(Path history, String... figureArgs) {
        var args = new ArrayList<>(List.of(
                "--export",
                history.toString(),
                "--public-key",
                signingKeys.toString(),
                "--checkpoints",
                verifyAnswer.toString(),
                // the test JVM's logging stays as the test profile set it for the other services in it
                "--spring.profiles.active=test",
                "--logging.level.root=INFO"));
        args.addAll(List.of(figureArgs));
        return args.toArray(String[]::new);
    }

    private record Run(int status, String out, String err) {}

    private static Run replay(String[] args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = ReplayCommand.run(CarebankApplication.class, args, outStream, errStream);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ---- the history ----

    private String bank() {
        return "/api/v1/clients/" + clientRef + "/time-bank";
    }

    private static Map<String, Object> deposit(String visitId, int minutes) {
        return Map.of("visitId", visitId, "minutes", minutes, "consentBy", "client, by phone to the coordinator");
    }

    /** A 60-minute visit planned {@code minutesAgo}, ended after 30 minutes at the client's request. */
    private static String deliveredEarly(Api council, String packageId, String workerId, long minutesAgo) {
        var start = ApiTestSupport.minutesFromNow(-minutesAgo);
        String visitId = ApiTestSupport.unique("v");
        ok(council.put("/api/v1/visits/" + visitId, ApiTestSupport.visit(packageId, workerId, start, 60)));
        ok(council.post(
                "/api/v1/visits/" + visitId + "/check-in", Map.of("at", start.toString(), "method", "APP_GPS")));
        ok(council.post(
                "/api/v1/visits/" + visitId + "/check-out",
                Map.of(
                        "at",
                        start.plusSeconds(30 * 60).toString(),
                        "method",
                        "APP_GPS",
                        "endedEarlyAtClientRequest",
                        true)));
        return visitId;
    }

    private void awaitProjections() {
        var admin = service.as("admin");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (JsonNode projection : admin.get("/api/v1/admin/projections").json()) {
                assertThat(projection.path("position").asLong())
                        .as(projection.path("name").asString())
                        .isGreaterThanOrEqualTo(projection.path("total").asLong());
            }
        });
    }

    /** Until a checkpoint signs the newest multiple of 5 links, so the export's signed part reaches that far. */
    private void awaitSignedHead() {
        var auditor = service.as("auditor");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var verify = auditor.get("/api/v1/audit/verify").json();
            assertThat(verify.path("valid").asBoolean()).isTrue();
            assertThat(verify.path("checkpoints").path("unsignedEvents").asLong())
                    .isLessThan(5);
        });
    }

    private static int firstDigitAfter(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (Character.isDigit(line.charAt(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no digit in " + line);
    }

    private static JsonNode json(String text) {
        return Api.JSON.readTree(text);
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.text()).isIn(200, 201);
    }
}
