package org.carebank.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A morning of a small council, the same for every deployment it is run against: providers admitted, workers
 * registered, packages commissioned and accepted, visits rostered, checked in and out (early endings, a cancellation,
 * a delivery recorded by hand, a visit missed), unused time banked, drawn down and adjusted. Every time in it is
 * relative to one base instant chosen once per test, so two runs of it give the same figures.
 */
final class Scenario {

    record Command(String method, String path, Map<String, Object> body) {}

    static final List<String> PROVIDERS = List.of("north-care", "south-care", "east-care");
    static final int WORKERS = 3;
    static final int VISITS_PER_WORKER = 3;

    final Instant base;
    final List<Command> commands = new ArrayList<>();

    Scenario(Instant now) {
        this.base = now.truncatedTo(ChronoUnit.MINUTES);
        for (String provider : PROVIDERS) {
            plan(provider, provider.substring(0, provider.indexOf('-')));
        }
    }

    private void plan(String provider, String zone) {
        var cqc = new LinkedHashMap<String, Object>();
        for (String key : List.of("overall", "safe", "effective", "caring", "responsive", "wellLed")) {
            cqc.put(key, "GOOD");
        }
        cqc.put("inspectedOn", "2026-03-01");
        add(
                "POST",
                "/api/v1/providers",
                "providerId",
                provider,
                "name",
                "Provider " + provider,
                "zones",
                List.of(zone),
                "cqc",
                cqc);
        for (int w = 1; w <= WORKERS; w++) {
            add(
                    "POST",
                    "/api/v1/providers/" + provider + "/workers",
                    "workerId",
                    worker(provider, w),
                    "contractType",
                    w == 1 ? "GUARANTEED_HOURS" : "ZERO_HOURS",
                    "travelMode",
                    w == 2 ? "WALK" : "CAR",
                    "hourlyPayPence",
                    1250 + 20 * w);
        }
        for (int p = 1; p <= 2; p++) {
            String packageId = provider + "-pkg" + p;
            add(
                    "POST",
                    "/api/v1/packages",
                    "packageId",
                    packageId,
                    "clientRef",
                    client(provider, p),
                    "zone",
                    zone,
                    "weeklyMinutes",
                    420,
                    "hourlyRatePence",
                    2400,
                    "timeBanking",
                    p == 1,
                    "startsOn",
                    "2026-01-01");
            add("POST", "/api/v1/packages/" + packageId + "/offers", "providerId", provider);
            add("POST", "/api/v1/packages/" + packageId + "/acceptance", "providerId", provider);
        }
        for (int w = 1; w <= WORKERS; w++) {
            String workerId = worker(provider, w);
            String packageId = provider + (w == WORKERS ? "-pkg2" : "-pkg1");
            for (int j = 0; j < VISITS_PER_WORKER; j++) {
                String visitId = visit(provider, w, j);
                Instant start = base.minus(110 - 35 * j, ChronoUnit.MINUTES);
                add(
                        "PUT",
                        "/api/v1/visits/" + visitId,
                        "packageId",
                        packageId,
                        "workerId",
                        workerId,
                        "plannedStart",
                        start.toString(),
                        "plannedMinutes",
                        30,
                        "timeCritical",
                        false,
                        "location",
                        Map.of("lat", 52.60 + 0.01 * j, "lon", -1.10 - 0.01 * w),
                        "plannedTravelMinutes",
                        5);
                switch (j) {
                    case 0 -> {
                        add(
                                "POST",
                                "/api/v1/visits/" + visitId + "/check-in",
                                "at",
                                start.toString(),
                                "method",
                                "APP_GPS");
                        add(
                                "POST",
                                "/api/v1/visits/" + visitId + "/check-out",
                                "at",
                                start.plus(30, ChronoUnit.MINUTES).toString(),
                                "method",
                                "APP_GPS",
                                "endedEarlyAtClientRequest",
                                false);
                    }
                    case 1 -> {
                        add(
                                "POST",
                                "/api/v1/visits/" + visitId + "/check-in",
                                "at",
                                start.plus(5, ChronoUnit.MINUTES).toString(),
                                "method",
                                "TELEPHONY");
                        add(
                                "POST",
                                "/api/v1/visits/" + visitId + "/check-out",
                                "at",
                                start.plus(25, ChronoUnit.MINUTES).toString(),
                                "method",
                                "TELEPHONY",
                                "endedEarlyAtClientRequest",
                                true,
                                "reason",
                                "client asked to finish early");
                        if (w < WORKERS) {
                            add(
                                    "POST",
                                    "/api/v1/clients/" + client(provider, 1) + "/time-bank/deposits",
                                    "visitId",
                                    visitId,
                                    "minutes",
                                    10,
                                    "consentBy",
                                    "client");
                        }
                    }
                    default -> {
                        if (w == 1) {
                            add(
                                    "POST",
                                    "/api/v1/visits/" + visitId + "/cancellation",
                                    "initiatedBy",
                                    "CLIENT",
                                    "reason",
                                    "in hospital");
                        } else if (w == 2) {
                            add(
                                    "POST",
                                    "/api/v1/visits/" + visitId + "/delivery",
                                    "startedAt",
                                    start.toString(),
                                    "deliveredMinutes",
                                    25,
                                    "endedEarlyAtClientRequest",
                                    false,
                                    "reason",
                                    "phone signal lost");
                        }
                    }
                }
            }
        }
        // Planned five hours ago and never visited: missed as soon as it is scheduled.
        add(
                "PUT",
                "/api/v1/visits/" + provider + "-missed",
                "packageId",
                provider + "-pkg2",
                "workerId",
                worker(provider, 1),
                "plannedStart",
                base.minus(5, ChronoUnit.HOURS).toString(),
                "plannedMinutes",
                30,
                "timeCritical",
                false);
        // Next week's visits in one bulk roster; its last line double-books the worker and must be refused everywhere.
        var nextWeek = new ArrayList<Map<String, Object>>();
        for (int k = 0; k < 3; k++) {
            nextWeek.add(Map.of(
                    "visitId",
                    provider + "-next-" + k,
                    "packageId",
                    provider + "-pkg1",
                    "workerId",
                    worker(provider, 1),
                    "plannedStart",
                    base.plus(7, ChronoUnit.DAYS)
                            .plus(k == 2 ? 0 : k, ChronoUnit.HOURS)
                            .toString(),
                    "plannedMinutes",
                    30));
        }
        add("POST", "/api/v1/rosters", "visits", nextWeek);
        add(
                "POST",
                "/api/v1/clients/" + client(provider, 1) + "/time-bank/withdrawals",
                "withdrawalId",
                provider + "-outing",
                "minutes",
                5,
                "purpose",
                "trip to the library");
        add(
                "POST",
                "/api/v1/clients/" + client(provider, 1) + "/time-bank/adjustments",
                "adjustmentId",
                provider + "-goodwill",
                "minutes",
                15,
                "reason",
                "visit missed last month");
    }

    /**
     * Sends every command, one after another, to the instances in turn; reports how many were acknowledged and returns
     * their answers. Only what a client may retry is retried (Http.Response.mayRetry): the first 5xx fails the run.
     */
    List<Http.Response> run(List<Http> instances, IntConsumer acknowledged) {
        var answers = new ArrayList<Http.Response>();
        for (int i = 0; i < commands.size(); i++) {
            Command command = commands.get(i);
            Http instance = instances.get(i % instances.size());
            String key = "scenario-" + i;
            Http.Response response =
                    Http.untilFinal(() -> instance.send(command.method(), command.path(), command.body(), key));
            assertThat(response.status())
                    .as(command.method() + " " + command.path() + " on " + instance.baseUrl() + ": " + response.body())
                    .isBetween(200, 201);
            answers.add(response);
            acknowledged.accept(i + 1);
        }
        return answers;
    }

    /** A command every deployment must refuse, and the status it is refused with (a roster: 200, each line refused). */
    record Refused(Command command, int status) {}

    /**
     * Commands that break a rule, name an unknown id, reuse an id, repeat a check-in or are malformed, sent after the
     * morning: none of them stores anything. The roster books a worker who is already booked, in lines routed by an id
     * of their own, so a refused line is answered by whichever node handles the roster.
     */
    List<Refused> refusals() {
        var refusals = new ArrayList<Refused>();
        var weak = new LinkedHashMap<String, Object>();
        for (String key : List.of("overall", "safe", "effective", "caring", "responsive", "wellLed")) {
            weak.put(key, "REQUIRES_IMPROVEMENT");
        }
        weak.put("inspectedOn", "2026-03-01");
        refusals.add(refused(
                422,
                "POST",
                "/api/v1/providers",
                "providerId",
                "weak-care",
                "name",
                "Provider weak-care",
                "zones",
                List.of("north"),
                "cqc",
                weak));
        var good = new LinkedHashMap<>(weak);
        good.replaceAll((key, value) -> key.equals("inspectedOn") ? value : "GOOD");
        refusals.add(refused(
                409,
                "POST",
                "/api/v1/providers",
                "providerId",
                "north-care",
                "name",
                "Another name for north-care",
                "zones",
                List.of("north"),
                "cqc",
                good));
        refusals.add(refused(404, "POST", "/api/v1/packages/north-care-pkg1/offers", "providerId", "nobody-care"));
        refusals.add(refused(404, "POST", "/api/v1/packages/no-such-package/offers", "providerId", "north-care"));
        Instant start = base.minus(110, ChronoUnit.MINUTES);
        refusals.add(refused(
                404, "POST", "/api/v1/visits/no-such-visit/check-in", "at", start.toString(), "method", "APP_GPS"));
        String delivered = visit("north-care", 1, 0);
        refusals.add(refused(
                409,
                "POST",
                "/api/v1/visits/" + delivered + "/check-in",
                "at",
                start.plus(1, ChronoUnit.MINUTES).toString(),
                "method",
                "APP_GPS"));
        refusals.add(refused(
                409,
                "PUT",
                "/api/v1/visits/" + delivered,
                "packageId",
                "north-care-pkg1",
                "workerId",
                worker("north-care", 1),
                "plannedStart",
                start.toString(),
                "plannedMinutes",
                45));
        refusals.add(refused(
                422,
                "PUT",
                "/api/v1/visits/north-care-too-short",
                "packageId",
                "north-care-pkg1",
                "workerId",
                worker("north-care", 2),
                "plannedStart",
                base.plus(2, ChronoUnit.DAYS).toString(),
                "plannedMinutes",
                15));
        refusals.add(refused(
                422,
                "POST",
                "/api/v1/clients/" + client("north-care", 1) + "/time-bank/withdrawals",
                "withdrawalId",
                "north-care-too-much",
                "minutes",
                5000,
                "purpose",
                "more than the balance"));
        refusals.add(refused(
                400, "POST", "/api/v1/visits/" + delivered + "/check-in", "at", "yesterday", "method", "APP_GPS"));
        refusals.add(refused(
                400,
                "PUT",
                "/api/v1/visits/north-care-no-minutes",
                "packageId",
                "north-care-pkg1",
                "workerId",
                worker("north-care", 2),
                "plannedStart",
                base.plus(2, ChronoUnit.DAYS).toString(),
                "plannedMinutes",
                0));
        var doubleBooked = new ArrayList<Map<String, Object>>();
        for (String visitId : List.of("south-care-clash-a", "south-care-clash-b")) {
            doubleBooked.add(Map.of(
                    "visitId",
                    visitId,
                    "packageId",
                    "south-care-pkg1",
                    "workerId",
                    worker("south-care", 1),
                    "plannedStart",
                    base.plus(7, ChronoUnit.DAYS).toString(),
                    "plannedMinutes",
                    30));
        }
        refusals.add(refused(200, "POST", "/api/v1/rosters", "visits", doubleBooked));
        return refusals;
    }

    private static Refused refused(int status, String method, String path, Object... keysAndValues) {
        return new Refused(new Command(method, path, body(keysAndValues)), status);
    }

    /** The questions a council and an auditor ask, one per projection at least, for every provider and client. */
    List<String> questions() {
        LocalDate day = LocalDate.ofInstant(base.minus(110, ChronoUnit.MINUTES), ZoneId.of("Europe/London"));
        String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        String period = "from=" + day.minusDays(7) + "&to=" + day.plusDays(7);
        var paths = new ArrayList<>(
                List.of("/api/v1/providers", "/api/v1/time-banks", "/api/v1/performance/providers?" + period));
        for (String provider : PROVIDERS) {
            String zone = provider.substring(0, provider.indexOf('-'));
            paths.add("/api/v1/providers/" + provider);
            paths.add("/api/v1/visits?providerId=" + provider + "&size=500");
            paths.add("/api/v1/providers/" + provider + "/performance?" + period);
            paths.add("/api/v1/providers/" + provider + "/charter?" + period);
            paths.add("/api/v1/providers/" + provider + "/pay-compliance?month=" + YearMonth.from(day));
            paths.add("/api/v1/travel/providers/" + provider + "?week=" + week);
            paths.add("/api/v1/travel/zones/" + zone + "?week=" + week);
            for (int p = 1; p <= 2; p++) {
                paths.add("/api/v1/packages/" + provider + "-pkg" + p);
                paths.add("/api/v1/clients/" + client(provider, p) + "/time-bank");
                paths.add("/api/v1/clients/" + client(provider, p) + "/time-bank/ledger");
            }
            for (int w = 1; w <= WORKERS; w++) {
                paths.add("/api/v1/travel/workers/" + worker(provider, w) + "?date=" + day);
            }
        }
        return paths;
    }

    static String worker(String provider, int w) {
        return provider + "-w" + w;
    }

    static String client(String provider, int p) {
        return "C-" + provider + "-" + p;
    }

    static String visit(String provider, int w, int j) {
        return provider + "-v" + w + "-" + j;
    }

    private void add(String method, String path, Object... keysAndValues) {
        commands.add(new Command(method, path, body(keysAndValues)));
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        var body = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
