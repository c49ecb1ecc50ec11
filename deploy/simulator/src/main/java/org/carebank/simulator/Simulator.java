package org.carebank.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.carebank.simulator.CarebankClient.Reply;
import org.carebank.simulator.CouncilPlan.CarePackage;
import org.carebank.simulator.CouncilPlan.Outcome;
import org.carebank.simulator.CouncilPlan.Provider;
import org.carebank.simulator.CouncilPlan.Settings;
import org.carebank.simulator.CouncilPlan.TimeBankKind;
import org.carebank.simulator.CouncilPlan.TimeBankOp;
import org.carebank.simulator.CouncilPlan.Visit;
import org.carebank.simulator.CouncilPlan.Worker;

/**
 * The rostering simulator and demo loader. Generates a council from a seed ({@link PlanGenerator}) and sends it to a
 * running Carebank through the public HTTP API: admissions and ratings as the council (HTTP Basic), workers, package
 * acceptance, rosters (bulk {@code /api/v1/rosters}), ECM and time banks as each provider's rostering system (a bearer
 * token per provider).
 *
 * <pre>
 * java -jar deploy/simulator/target/simulator-0.1.0-SNAPSHOT.jar --demo
 * java -jar deploy/simulator/target/simulator-0.1.0-SNAPSHOT.jar --seed=7 --providers=12 --packages=150 --weeks=4
 * </pre>
 */
public final class Simulator {

    private static final String USAGE =
            """
            usage: simulator [--demo] [--url=http://localhost:8080] [--seed=1] [--prefix=sim<seed>]
                             [--providers=12] [--refused=2] [--workers=10] [--packages=150] [--weeks=4]
                             [--concurrency=8] [--council=council:council] [--jwt-secret=<local default>]
                             [--jwt-issuer=carebank-local] [--plan-only] [--history=WEEKS]
              --demo        a small fixed council (seed 42, prefix demo: 4 providers, 16 packages, 1 week)
              --history=N   the N weeks before yesterday instead of the weeks ahead, loaded through the history
                            import (no missed flags for the past; time bank operations left out)
              --plan-only   print the plan's figures and send nothing
            """;

    private final CouncilPlan plan;
    private final CarebankClient client;
    private final String council;
    private final Map<String, String> providerAuth = new LinkedHashMap<>();
    private final int concurrency;
    private final PrintStream out;
    private boolean history;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    /** What one phase got back: accepted, repeats of what was already recorded, refusals as planned, surprises. */
    static final class Tally {
        final AtomicLong recorded = new AtomicLong();
        final AtomicLong repeated = new AtomicLong();
        final AtomicLong refusedAsPlanned = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final Map<String, AtomicLong> unexpectedTypes = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
        double seconds;
        long items;

        void count(Reply reply) {
            if (reply.status() == 201 || (reply.ok() && !reply.outcome().equals("ALREADY_RECORDED"))) {
                recorded.incrementAndGet();
            } else if (reply.ok()) {
                repeated.incrementAndGet();
            } else {
                unexpected(
                        reply.status() + " " + reply.problemType(), reply.body().toString());
            }
        }

        void unexpected(String type, String example) {
            unexpected.incrementAndGet();
            unexpectedTypes.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
            if (examples.size() < 3) {
                examples.add(example.length() > 300 ? example.substring(0, 300) + "..." : example);
            }
        }
    }

    Simulator(
            CouncilPlan plan,
            CarebankClient client,
            String council,
            String secret,
            String issuer,
            int concurrency,
            PrintStream out) {
        this.plan = plan;
        this.client = client;
        this.council = CarebankClient.basic(council);
        this.concurrency = concurrency;
        this.out = out;
        for (var provider : plan.providers()) {
            providerAuth.put(
                    provider.providerId(),
                    Tokens.providerToken(secret, issuer, provider.providerId() + "-roster", provider.providerId()));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                System.err.print(USAGE);
                System.exit(2);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        if (options.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        LocalDate today = LocalDate.now(PlanGenerator.LONDON);
        Settings settings;
        if (options.containsKey("demo")) {
            settings = Settings.demo(today);
        } else {
            long seed = Long.parseLong(options.getOrDefault("seed", "1"));
            var standard = Settings.standard(seed, options.getOrDefault("prefix", "sim" + seed), today);
            settings = new Settings(
                    seed,
                    standard.prefix(),
                    Integer.parseInt(options.getOrDefault("providers", "" + standard.providers())),
                    Integer.parseInt(options.getOrDefault("refused", "" + standard.refusedProviders())),
                    Integer.parseInt(options.getOrDefault("workers", "" + standard.workersPerProvider())),
                    Integer.parseInt(options.getOrDefault("packages", "" + standard.packages())),
                    Integer.parseInt(options.getOrDefault("weeks", "" + standard.weeks())),
                    standard.firstDay(),
                    today);
        }
        boolean history = options.containsKey("history");
        if (history) {
            settings = Settings.history(settings, Integer.parseInt(options.get("history")));
        }
        var plan = PlanGenerator.generate(settings);
        var out = System.out;
        describe(plan, out);
        if (options.containsKey("plan-only")) {
            return;
        }
        String url = options.getOrDefault("url", "http://localhost:8080");
        var simulator = new Simulator(
                plan,
                new CarebankClient(url),
                options.getOrDefault("council", "council:council"),
                options.getOrDefault("jwt-secret", Tokens.LOCAL_SECRET),
                options.getOrDefault("jwt-issuer", Tokens.LOCAL_ISSUER),
                Integer.parseInt(options.getOrDefault("concurrency", "8")),
                out);
        simulator.history = history;
        out.println("Sending it to " + url + (history ? " (past weeks through the history import)" : "") + " ...");
        boolean clean = simulator.run();
        simulator.summary(url);
        System.exit(clean ? 0 : 1);
    }

    static void describe(CouncilPlan plan, PrintStream out) {
        var s = plan.settings();
        long delivered = plan.count(Outcome.DELIVERED);
        long late = plan.visits().stream().filter(Visit::late).count();
        long endedEarly =
                plan.visits().stream().filter(Visit::endedEarlyAtClientRequest).count();
        long clipped = plan.visits().stream()
                .filter(v -> v.outcome() == Outcome.DELIVERED && !v.endedEarlyAtClientRequest())
                .filter(v -> v.deliveredMinutes() * 100 < v.plannedMinutes() * 85)
                .count();
        long deposits = plan.timeBankOps().stream()
                .filter(op -> op.kind() == TimeBankKind.DEPOSIT)
                .count();
        out.printf(
                Locale.ROOT,
                "Council '%s' (seed %d): %d zones, %d providers (%d to be refused, 1 to be suspended), %d workers,"
                        + " %d packages (%d with time banking)%n",
                s.prefix(),
                s.seed(),
                plan.zones().size(),
                plan.providers().size(),
                plan.providers().stream().filter(p -> !p.admitted()).count(),
                plan.workers().size(),
                plan.packages().size(),
                plan.packages().stream().filter(CarePackage::timeBanking).count());
        out.printf(
                Locale.ROOT,
                "%d visits from %s for %d week(s): %d delivered (%d late, %d short, %d ended early by the client),"
                        + " %d cancelled, %d missed (yesterday, never checked in); %d deposits, %d draw-downs%n",
                plan.visits().size(),
                s.firstDay(),
                s.weeks(),
                delivered,
                late,
                clipped,
                endedEarly,
                plan.count(Outcome.CANCELLED),
                plan.count(Outcome.MISSED),
                deposits,
                plan.timeBankOps().size() - deposits);
    }

    boolean run() throws Exception {
        long started = System.nanoTime();
        phase("providers", plan.providers(), 1, this::admit);
        List<Provider> admitted =
                plan.providers().stream().filter(Provider::admitted).toList();
        phase("workers", plan.workers(), concurrency, this::register);
        phase("packages", plan.packages(), concurrency, this::commission);
        if (history) {
            // Past weeks: through the import, as a council switching from another system brings its record across.
            // Time bank operations are left out: their banking window (7 days) has closed for most past visits.
            imports();
        } else {
            rosters();
            var lifecycle = plan.visits().stream()
                    .filter(v -> v.outcome() != Outcome.MISSED)
                    .toList();
            phase("check-ins and -outs", lifecycle, concurrency, this::lifecycle);
            phase("alert responses", openAlerts(), 1, this::respond);
            var byClient = new LinkedHashMap<String, List<TimeBankOp>>();
            plan.timeBankOps().forEach(op -> byClient.computeIfAbsent(op.clientRef(), c -> new ArrayList<>())
                    .add(op));
            phase("time banks (clients)", byClient.values(), concurrency, this::timeBank);
            // The council pays each provider for the plan's weeks, so the demo shows issued statements (issue 18).
            // Imported history is not paid here: the previous system paid it (ADR 0019).
            var paid = plan.providers().stream().filter(Provider::admitted).toList();
            phase("payment statements", paid, 1, this::issueStatement);
        }
        phase("new CQC ratings", plan.ratingChanges(), 1, change -> {
            var tally = tallies.get("new CQC ratings");
            tally.count(client.post(
                    council, "/api/v1/providers/" + change.providerId() + "/cqc-ratings", cqc(change.cqc())));
        });
        totalSeconds = (System.nanoTime() - started) / 1e9;
        boolean caughtUp = viewsCaughtUp();
        return tallies.values().stream().allMatch(t -> t.unexpected.get() == 0) && admitted.size() > 0 && caughtUp;
    }

    /**
     * Asks the provider list with the last position a command answered, so the dashboards show every visit sent by
     * the time the simulator exits; 503 projection-behind (after the service's bound) is retried a few times.
     */
    private boolean viewsCaughtUp() {
        long started = System.nanoTime();
        var settings = plan.settings();
        LocalDate from = settings.firstDay().isBefore(settings.today()) ? settings.firstDay() : settings.today();
        LocalDate to = settings.firstDay().plusWeeks(settings.weeks());
        if (to.isAfter(from.plusDays(360))) {
            to = from.plusDays(360); // a dashboard period covers at most 370 days
        }
        for (int attempt = 0; attempt < 12; attempt++) {
            var reply = client.getAfterWrites(council, "/api/v1/performance/providers?from=" + from + "&to=" + to);
            if (reply.ok()) {
                out.printf(
                        Locale.ROOT,
                        "Views caught up with every write (feed position %d) %.1f s after the last one%n",
                        client.lastPosition.get(),
                        (System.nanoTime() - started) / 1e9);
                return true;
            }
            if (!"projection-behind".equals(reply.problemType())) {
                out.println("Reading the views after the writes answered " + reply.status() + " " + reply.body());
                return false;
            }
        }
        out.println("The views did not catch up with position " + client.lastPosition.get() + " within a minute");
        return false;
    }

    private double totalSeconds;

    private <T> void phase(String name, Collection<T> items, int threads, Consumer<T> action) throws Exception {
        var tally = new Tally();
        tallies.put(name, tally);
        tally.items = items.size();
        try (var progress = new Progress(name, items.size(), out)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
            try {
                var futures = new ArrayList<Future<?>>();
                for (T item : items) {
                    futures.add(pool.submit(() -> {
                        try {
                            action.accept(item);
                        } catch (RuntimeException e) {
                            tally.unexpected("exception " + e.getClass().getSimpleName(), String.valueOf(e));
                        }
                        progress.tick();
                    }));
                }
                for (var future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            tally.seconds = progress.seconds();
        }
    }

    private void admit(Provider provider) {
        var body = new LinkedHashMap<String, Object>();
        body.put("providerId", provider.providerId());
        body.put("name", provider.name());
        body.put("zones", provider.zones());
        body.put("cqc", cqc(provider.cqc()));
        var reply = client.post(council, "/api/v1/providers", body);
        var tally = tallies.get("providers");
        if (!provider.admitted()) {
            if (reply.status() == 422 && reply.problemType().equals("provider-below-minimum-rating")) {
                tally.refusedAsPlanned.incrementAndGet();
            } else {
                tally.unexpected(reply.status() + " " + reply.problemType(), "admitted below Good: " + reply.body());
            }
            return;
        }
        tally.count(reply);
    }

    private void issueStatement(Provider provider) {
        var settings = plan.settings();
        var body = new LinkedHashMap<String, Object>();
        body.put("statementId", settings.prefix() + "-" + provider.providerId() + "-" + settings.firstDay());
        body.put("periodFrom", settings.firstDay().toString());
        body.put(
                "periodTo",
                settings.firstDay().plusWeeks(settings.weeks()).minusDays(1).toString());
        tallies.get("payment statements")
                .count(client.post(council, "/api/v1/providers/" + provider.providerId() + "/statements", body));
    }

    private static Map<String, Object> cqc(CouncilPlan.Cqc cqc) {
        var body = new LinkedHashMap<String, Object>();
        body.put("overall", cqc.overall());
        body.put("safe", cqc.safe());
        body.put("effective", cqc.effective());
        body.put("caring", cqc.caring());
        body.put("responsive", cqc.responsive());
        body.put("wellLed", cqc.wellLed());
        body.put("inspectedOn", cqc.inspectedOn().toString());
        return body;
    }

    private void register(Worker worker) {
        var body = new LinkedHashMap<String, Object>();
        body.put("workerId", worker.workerId());
        body.put("contractType", worker.contractType());
        body.put("travelMode", worker.travelMode());
        body.put("hourlyPayPence", worker.hourlyPayPence());
        tallies.get("workers")
                .count(client.post(
                        providerAuth.get(worker.providerId()),
                        "/api/v1/providers/" + worker.providerId() + "/workers",
                        body));
    }

    /** Commissioned by the council, offered (first to a provider that declines, for some), accepted. */
    private void commission(CarePackage p) {
        var tally = tallies.get("packages");
        var body = new LinkedHashMap<String, Object>();
        body.put("packageId", p.packageId());
        body.put("clientRef", p.clientRef());
        body.put("zone", p.zone());
        body.put("weeklyMinutes", p.weeklyMinutes());
        body.put("hourlyRatePence", p.hourlyRatePence());
        body.put("timeBanking", p.timeBanking());
        body.put("startsOn", p.startsOn().toString());
        var reply = client.post(council, "/api/v1/packages", body);
        if (!reply.ok()) {
            tally.count(reply);
            return;
        }
        boolean repeat = reply.outcome().equals("ALREADY_RECORDED");
        if (p.declinedBy() != null && !repeat) {
            expectOk(tally, client.post(council, offers(p), Map.of("providerId", p.declinedBy())));
            expectOk(
                    tally,
                    client.post(
                            providerAuth.get(p.declinedBy()),
                            "/api/v1/packages/" + p.packageId() + "/declines",
                            Map.of(
                                    "providerId",
                                    p.declinedBy(),
                                    "reason",
                                    "NO_CAPACITY",
                                    "note",
                                    "no carers free at breakfast time in " + p.zone())));
        }
        expectOk(tally, client.post(council, offers(p), Map.of("providerId", p.providerId())));
        tally.count(client.post(
                providerAuth.get(p.providerId()),
                "/api/v1/packages/" + p.packageId() + "/acceptance",
                Map.of("providerId", p.providerId())));
    }

    private static String offers(CarePackage p) {
        return "/api/v1/packages/" + p.packageId() + "/offers";
    }

    private static void expectOk(Tally tally, Reply reply) {
        if (!reply.ok()) {
            tally.unexpected(
                    reply.status() + " " + reply.problemType(), reply.body().toString());
        }
    }

    /** Each provider's rostering system sends its visits in rosters of up to 500. */
    private void rosters() throws Exception {
        var chunks = new ArrayList<List<Visit>>();
        var byProvider = new LinkedHashMap<String, List<Visit>>();
        plan.visits().forEach(v -> byProvider
                .computeIfAbsent(v.providerId(), k -> new ArrayList<>())
                .add(v));
        for (var visits : byProvider.values()) {
            for (int i = 0; i < visits.size(); i += 500) {
                chunks.add(visits.subList(i, Math.min(visits.size(), i + 500)));
            }
        }
        var tally = new Tally();
        tallies.put("rosters (visits)", tally);
        tally.items = plan.visits().size();
        try (var progress = new Progress("rosters (visits)", plan.visits().size(), out)) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, chunks.size())));
            try {
                var futures = new ArrayList<Future<?>>();
                for (var chunk : chunks) {
                    futures.add(pool.submit(() -> {
                        roster(chunk, tally);
                        progress.add(chunk.size());
                    }));
                }
                for (var future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            tally.seconds = progress.seconds();
        }
    }

    private void roster(List<Visit> chunk, Tally tally) {
        var lines = new ArrayList<Map<String, Object>>();
        for (var v : chunk) {
            var line = new LinkedHashMap<String, Object>();
            line.put("visitId", v.visitId());
            line.put("packageId", v.packageId());
            line.put("workerId", v.workerId());
            line.put("plannedStart", v.plannedStart().toString());
            line.put("plannedMinutes", v.plannedMinutes());
            line.put("timeCritical", v.timeCritical());
            if (v.shortVisitJustification() != null) {
                line.put("shortVisitJustification", v.shortVisitJustification());
            }
            line.put("location", Map.of("lat", round(v.lat()), "lon", round(v.lon())));
            if (v.plannedTravelMinutes() != null) {
                line.put("plannedTravelMinutes", v.plannedTravelMinutes());
            }
            lines.add(line);
        }
        var reply =
                client.post(providerAuth.get(chunk.get(0).providerId()), "/api/v1/rosters", Map.of("visits", lines));
        if (!reply.ok()) {
            for (int i = 0; i < chunk.size(); i++) {
                tally.unexpected(
                        reply.status() + " " + reply.problemType(), reply.body().toString());
            }
            return;
        }
        tally.recorded.addAndGet(reply.body().path("created").asLong());
        tally.repeated.addAndGet(reply.body().path("unchanged").asLong());
        for (var line : reply.body().path("visits")) {
            if (line.path("status").asText().equals("REFUSED")) {
                String type = line.path("problem").path("type").asText();
                tally.unexpected("REFUSED " + type, line.toString());
            }
        }
    }

    /**
     * {@code --history}: the plan's visits lie in past weeks and go through the history import
     * ({@code POST /api/v1/imports/visits}, JSON lines, as the council) with their check-in and check-out times, so
     * they are recorded as facts of the past: no missed flags for visits whose thresholds passed before the import.
     */
    private void imports() throws Exception {
        var visits = plan.visits();
        var tally = new Tally();
        tallies.put("history import (visits)", tally);
        tally.items = visits.size();
        try (var progress = new Progress("history import (visits)", visits.size(), out)) {
            for (int i = 0; i < visits.size(); i += IMPORT_CHUNK) {
                var chunk = visits.subList(i, Math.min(visits.size(), i + IMPORT_CHUNK));
                importChunk(chunk, tally);
                progress.add(chunk.size());
            }
            tally.seconds = progress.seconds();
        }
    }

    static final int IMPORT_CHUNK = 5_000;

    /** One import line per visit, as the contract's columns name them. */
    static Map<String, Object> importLine(Visit v) {
        var line = new LinkedHashMap<String, Object>();
        line.put("visitId", v.visitId());
        line.put("packageId", v.packageId());
        line.put("workerId", v.workerId());
        line.put("plannedStart", v.plannedStart().toString());
        line.put("plannedMinutes", v.plannedMinutes());
        line.put("timeCritical", v.timeCritical());
        if (v.shortVisitJustification() != null) {
            line.put("shortVisitJustification", v.shortVisitJustification());
        }
        if (v.plannedTravelMinutes() != null) {
            line.put("plannedTravelMinutes", v.plannedTravelMinutes());
        }
        if (v.outcome() == Outcome.DELIVERED) {
            line.put("checkedInAt", v.checkInAt().toString());
            line.put("checkedOutAt", v.checkOutAt().toString());
            line.put("method", v.method());
            line.put("endedEarlyAtClientRequest", v.endedEarlyAtClientRequest());
        } else if (v.outcome() == Outcome.CANCELLED) {
            line.put("cancelled", true);
            if (v.cancelledBy() != null) {
                line.put("cancelledBy", v.cancelledBy());
            }
        }
        return line;
    }

    private void importChunk(List<Visit> chunk, Tally tally) {
        var body = new StringBuilder();
        for (var v : chunk) {
            body.append(CarebankClient.json(importLine(v))).append('\n');
        }
        var reply = client.postLines(council, "/api/v1/imports/visits", "application/x-ndjson", body.toString());
        if (!reply.ok()) {
            for (int i = 0; i < chunk.size(); i++) {
                tally.unexpected(
                        reply.status() + " " + reply.problemType(), reply.body().toString());
            }
            return;
        }
        tally.recorded.addAndGet(reply.body().path("created").asLong());
        tally.repeated.addAndGet(reply.body().path("unchanged").asLong());
        for (var line : reply.body().path("visits")) {
            if (line.path("status").asText().equals("REFUSED")) {
                tally.unexpected("REFUSED " + line.path("problem").path("type").asText(), line.toString());
            }
        }
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e5) / 1e5;
    }

    /**
     * The plan's alerts still open once the visits are sent: the missed day's MISSED alerts (and their OVERDUE ones).
     * Late check-ins have already resolved their own OVERDUE alerts (WORKER_ARRIVED).
     */
    private List<JsonNode> openAlerts() {
        var ours = new java.util.HashSet<String>();
        plan.visits().forEach(v -> ours.add(v.visitId()));
        var open = new ArrayList<JsonNode>();
        var reply = client.get(council, "/api/v1/alerts?open=true&limit=5000");
        if (reply.ok()) {
            reply.body().forEach(alert -> {
                if (ours.contains(alert.path("visitId").asText())) {
                    open.add(alert);
                }
            });
        }
        return open;
    }

    /**
     * How the providers answer their alerts, the same for the same seed: two in three are acknowledged by the
     * provider's office, half of those then resolved; the rest stay open, so the exceptions panel has something to show.
     */
    private void respond(JsonNode alert) {
        var tally = tallies.get("alert responses");
        String alertId = alert.path("alertId").asText();
        String auth = providerAuth.get(alert.path("providerId").asText());
        int pick = Math.floorMod(alertId.hashCode(), 6);
        if (auth == null || pick >= 4) {
            return;
        }
        tally.count(client.post(
                auth, "/api/v1/alerts/" + alertId + "/acknowledgement", Map.of("note", "office rang the carer")));
        if (pick < 2) {
            tally.count(client.post(
                    auth,
                    "/api/v1/alerts/" + alertId + "/resolution",
                    Map.of("outcome", "CLIENT_SAFE_NOT_VISITED", "note", "client called: safe, family visited")));
        }
    }

    private void lifecycle(Visit v) {
        var tally = tallies.get("check-ins and -outs");
        String path = "/api/v1/visits/" + v.visitId();
        String auth = providerAuth.get(v.providerId());
        if (v.outcome() == Outcome.CANCELLED) {
            String by = v.cancelledBy();
            String reason =
                    switch (by) {
                        case "CLIENT" -> "client in hospital";
                        case "PROVIDER" -> "no carer available";
                        default -> "package under review";
                    };
            tally.count(client.post(
                    by.equals("COUNCIL") ? council : auth,
                    path + "/cancellation",
                    Map.of("initiatedBy", by, "reason", reason)));
            return;
        }
        var checkIn = new LinkedHashMap<String, Object>();
        checkIn.put("at", v.checkInAt().toString());
        checkIn.put("method", v.method());
        if (v.method().equals("MANUAL")) {
            checkIn.put("reason", "carer's phone had no signal; confirmed with the office");
        } else if (v.method().equals("APP_GPS")) {
            checkIn.put("location", Map.of("lat", round(v.lat()), "lon", round(v.lon())));
        }
        var in = client.post(auth, path + "/check-in", checkIn);
        tally.count(in);
        if (!in.ok()) {
            return;
        }
        var checkOut = new LinkedHashMap<String, Object>();
        checkOut.put("at", v.checkOutAt().toString());
        checkOut.put("method", v.method());
        checkOut.put("endedEarlyAtClientRequest", v.endedEarlyAtClientRequest());
        if (v.method().equals("MANUAL")) {
            checkOut.put("reason", "carer's phone had no signal; confirmed with the office");
        }
        tally.count(client.post(auth, path + "/check-out", checkOut));
    }

    /** One client's deposits and draw-downs, in order (a draw-down needs the deposit before it). */
    private void timeBank(List<TimeBankOp> ops) {
        var tally = tallies.get("time banks (clients)");
        for (var op : ops) {
            String base = "/api/v1/clients/" + op.clientRef() + "/time-bank";
            Reply reply;
            if (op.kind() == TimeBankKind.DEPOSIT) {
                reply = client.post(
                        providerAuth.get(op.providerId()),
                        base + "/deposits",
                        Map.of(
                                "visitId",
                                op.visitId(),
                                "minutes",
                                op.minutes(),
                                "consentBy",
                                "client, confirmed by phone to the office"));
                if (reply.status() == 422 && reply.problemType().equals("already-banked")) {
                    tally.repeated.incrementAndGet();
                    continue;
                }
            } else {
                reply = client.post(
                        providerAuth.get(op.providerId()),
                        base + "/withdrawals",
                        Map.of(
                                "withdrawalId",
                                op.withdrawalId(),
                                "minutes",
                                op.minutes(),
                                "purpose",
                                "a longer visit for a trip to the shops"));
            }
            tally.count(reply);
        }
    }

    void summary(String url) {
        out.println();
        out.println("Summary");
        out.printf(
                Locale.ROOT,
                "  %-24s %8s %9s %9s %9s %10s %8s%n",
                "phase",
                "items",
                "recorded",
                "repeated",
                "refused*",
                "unexpected",
                "seconds");
        for (var entry : tallies.entrySet()) {
            var t = entry.getValue();
            out.printf(
                    Locale.ROOT,
                    "  %-24s %8d %9d %9d %9d %10d %8.1f%n",
                    entry.getKey(),
                    t.items,
                    t.recorded.get(),
                    t.repeated.get(),
                    t.refusedAsPlanned.get(),
                    t.unexpected.get(),
                    t.seconds);
        }
        out.println("  * refused as planned (providers rated below Good)");
        out.printf(
                Locale.ROOT,
                "  %d HTTP requests in %.1f s (%.0f/s), %d answered 429 and retried%n",
                client.requests.get(),
                totalSeconds,
                client.requests.get() / Math.max(0.001, totalSeconds),
                client.throttled.get());
        for (var entry : tallies.entrySet()) {
            var t = entry.getValue();
            if (t.unexpected.get() > 0) {
                out.println("  " + entry.getKey() + ": unexpected answers " + t.unexpectedTypes);
                t.examples.forEach(example -> out.println("    e.g. " + example));
            }
        }
        var firstProvider = plan.providers().get(0).providerId();
        var bankClient = plan.timeBankOps().isEmpty()
                ? plan.packages().get(0).clientRef()
                : plan.timeBankOps().get(0).clientRef();
        String from = plan.settings()
                .today()
                .minusDays(1)
                .atStartOfDay()
                .toInstant(ZoneOffset.UTC)
                .toString();
        out.println();
        out.println("Look at it (as the council):");
        out.println("  curl -u council:council '" + url + "/api/v1/providers'");
        out.println("  curl -u council:council '" + url + "/api/v1/visits?providerId=" + firstProvider + "&from=" + from
                + "'");
        out.println("  curl -u council:council '" + url + "/api/v1/visits?status=MISSED'");
        out.println("  curl -u council:council '" + url + "/api/v1/clients/" + bankClient + "/time-bank/ledger'");
        out.println("  curl -u council:council -H 'Accept: text/csv' '" + url + "/api/v1/time-banks'");
    }
}
