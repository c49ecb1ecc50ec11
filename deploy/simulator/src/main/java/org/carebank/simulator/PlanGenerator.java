package org.carebank.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.carebank.simulator.CouncilPlan.CarePackage;
import org.carebank.simulator.CouncilPlan.Cqc;
import org.carebank.simulator.CouncilPlan.Outcome;
import org.carebank.simulator.CouncilPlan.Provider;
import org.carebank.simulator.CouncilPlan.RatingChange;
import org.carebank.simulator.CouncilPlan.Settings;
import org.carebank.simulator.CouncilPlan.TimeBankKind;
import org.carebank.simulator.CouncilPlan.TimeBankOp;
import org.carebank.simulator.CouncilPlan.Visit;
import org.carebank.simulator.CouncilPlan.Worker;

/**
 * Draws a council from a seed. The distributions are plain and documented here rather than fitted to data:
 *
 * <ul>
 *   <li>Packages: 210 to 1,050 commissioned minutes a week, one to four calls a day at the usual call times (breakfast,
 *       lunch, tea, bed); a third with time banking on; a tenth first declined by another provider for lack of
 *       capacity. Some calls are 15-minute medication prompts, time-critical and justified on the roster.
 *   <li>Workers: the package's regular worker when free (continuity), otherwise any free worker of the provider; a
 *       call moves by 15 minutes up to four times to find one. Planned travel is estimated from the two addresses and
 *       the worker's travel mode, so tight rosters show up as rushed transitions.
 *   <li>Each provider has a reliability (lower for the ones rated Requires Improvement) and a few workers are
 *       unreliable: they are late (check-in more than 30 minutes after the planned start) and clip calls more often.
 *   <li>Of the rostered calls, 3% are cancelled (client 55%, provider 35%, council 10%); the rest are delivered with
 *       check-in a few minutes either side of the plan, 7% ended early at the client's request (40-80% of planned),
 *       call clipping below 85% of planned for 6% (20% for unreliable workers). ECM by app 85%, telephony 12%, manual
 *       with a reason 3%.
 *   <li>Missed visits: the service detects them itself once their missed moment has passed, so the plan schedules
 *       them on the day before the run (already past) and never checks them in: about 1.5% of calls, more for
 *       unreliable providers.
 *   <li>Time banks: 70% of early endings in a package with banking on are deposited (within the cap), and a third of
 *       deposits are followed by a draw-down of 15 to 60 minutes.
 *   <li>Providers: the requested number are rated at least Good and admitted; {@code refusedProviders} more are rated
 *       Requires Improvement or Inadequate and must be refused. The least reliable admitted provider receives new
 *       ratings at the end that suspend it.
 * </ul>
 *
 * Calls of the simulated weeks lie in the future (from {@code firstDay}): the service stamps commands with its own
 * clock, and a visit scheduled after its missed moment would be missed from the start. ECM times come from the
 * rostering system, so delivered calls can be recorded ahead of the clock.
 */
final class PlanGenerator {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String[] ZONES = {
        "north", "south", "east", "west", "central", "riverside", "hillside", "rural-north", "rural-south", "coast"
    };
    private static final double[][] ZONE_CENTRES = {
        {52.640, 1.290}, {52.600, 1.300}, {52.625, 1.330}, {52.628, 1.250}, {52.630, 1.297},
        {52.615, 1.320}, {52.645, 1.265}, {52.780, 1.300}, {52.480, 1.250}, {52.700, 1.700}
    };
    private static final LocalTime[] CALL_TIMES = {
        LocalTime.of(7, 30), LocalTime.of(12, 30), LocalTime.of(17, 0), LocalTime.of(20, 30)
    };
    private static final String[] MODES = {"CAR", "CAR", "CAR", "WALK", "CYCLE", "PUBLIC_TRANSPORT"};
    private static final String[] NAMES = {
        "Sunrise", "Meadow", "Harbour", "Oakwood", "Willow", "Beacon", "Heron", "Juniper", "Kestrel", "Lark", "Maple",
        "Orchard", "Priory", "Quay", "Rowan", "Saffron", "Thistle", "Vale"
    };

    private final Settings settings;
    private final Random random;

    private PlanGenerator(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    static CouncilPlan generate(Settings settings) {
        return new PlanGenerator(settings).generate();
    }

    private String id(String kind, int n) {
        return settings.prefix() + "-" + kind + "-" + n;
    }

    private CouncilPlan generate() {
        int zoneCount = Math.min(ZONES.length, Math.max(2, settings.providers() / 2 + 1));
        List<String> zones = List.of(ZONES).subList(0, zoneCount);

        var providers = new ArrayList<Provider>();
        for (int p = 0; p < settings.providers() + settings.refusedProviders(); p++) {
            boolean refused = p >= settings.providers();
            var served = new ArrayList<String>();
            served.add(zones.get(p % zones.size()));
            served.add(zones.get((p + 1) % zones.size()));
            if (random.nextInt(3) == 0) {
                served.add(zones.get((p + 2) % zones.size()));
            }
            Cqc cqc;
            double reliability;
            if (refused) {
                cqc = random.nextBoolean()
                        ? rating("REQUIRES_IMPROVEMENT", "REQUIRES_IMPROVEMENT")
                        : rating("INADEQUATE", "REQUIRES_IMPROVEMENT");
                reliability = 0.5;
            } else {
                cqc = random.nextInt(5) == 0 ? rating("OUTSTANDING", "OUTSTANDING") : rating("GOOD", "GOOD");
                // A third of the admitted providers are noticeably weaker: more misses, lateness and clipping.
                reliability = p % 3 == 2 ? 0.80 + random.nextDouble() * 0.08 : 0.93 + random.nextDouble() * 0.06;
            }
            String providerId = id("provider", p + 1);
            providers.add(new Provider(
                    providerId,
                    NAMES[p % NAMES.length] + " Home Care" + (p >= NAMES.length ? " " + (p + 1) : ""),
                    List.copyOf(served.stream().distinct().toList()),
                    cqc,
                    reliability,
                    !refused));
        }
        List<Provider> admitted = providers.stream().filter(Provider::admitted).toList();

        var workers = new ArrayList<Worker>();
        var workersOf = new LinkedHashMap<String, List<Worker>>();
        int workerNo = 0;
        for (var provider : admitted) {
            var own = new ArrayList<Worker>();
            for (int w = 0; w < settings.workersPerProvider(); w++) {
                boolean unreliable = random.nextDouble() > provider.reliability() + 0.02;
                var worker = new Worker(
                        id("worker", ++workerNo),
                        provider.providerId(),
                        random.nextInt(10) < 6 ? "ZERO_HOURS" : "GUARANTEED_HOURS",
                        MODES[random.nextInt(MODES.length)],
                        1271 + random.nextInt(250),
                        unreliable);
                own.add(worker);
                workers.add(worker);
            }
            workersOf.put(provider.providerId(), own);
        }

        var packages = new ArrayList<CarePackage>();
        for (int k = 0; k < settings.packages(); k++) {
            var provider = admitted.get(k % admitted.size());
            String zone = provider.zones().get(random.nextInt(provider.zones().size()));
            int zoneIndex = List.of(ZONES).indexOf(zone);
            String declinedBy = null;
            if (admitted.size() > 1 && random.nextInt(10) == 0) {
                declinedBy = admitted.get((k + 1) % admitted.size()).providerId();
            }
            packages.add(new CarePackage(
                    id("pkg", k + 1),
                    settings.prefix().toUpperCase() + "-C" + (1001 + k),
                    zone,
                    210 * (1 + random.nextInt(5)),
                    2000 + 10 * random.nextInt(60),
                    random.nextInt(3) == 0,
                    settings.today().minusWeeks(8),
                    provider.providerId(),
                    declinedBy,
                    ZONE_CENTRES[zoneIndex][0] + (random.nextDouble() - 0.5) * 0.04,
                    ZONE_CENTRES[zoneIndex][1] + (random.nextDouble() - 0.5) * 0.06));
        }

        var providerById = new HashMap<String, Provider>();
        providers.forEach(p -> providerById.put(p.providerId(), p));
        var visits = new ArrayList<Visit>();
        int[] visitNo = {0};
        // The day before the run: calls nobody checks in, missed from the moment they are scheduled.
        rosterDay(settings.today().minusDays(1), packages, workersOf, providerById, visits, visitNo, true);
        for (int d = 0; d < settings.weeks() * 7; d++) {
            rosterDay(settings.firstDay().plusDays(d), packages, workersOf, providerById, visits, visitNo, false);
        }

        List<TimeBankOp> timeBankOps = timeBankOps(packages, visits);

        var weakest = admitted.stream()
                .min(Comparator.comparingDouble(Provider::reliability))
                .orElseThrow();
        var ratingChanges = List.of(new RatingChange(
                weakest.providerId(),
                new Cqc(
                        "REQUIRES_IMPROVEMENT",
                        "REQUIRES_IMPROVEMENT",
                        "GOOD",
                        "GOOD",
                        "REQUIRES_IMPROVEMENT",
                        "INADEQUATE",
                        settings.today().minusDays(2))));

        return new CouncilPlan(
                settings,
                zones,
                List.copyOf(providers),
                List.copyOf(workers),
                List.copyOf(packages),
                List.copyOf(visits),
                timeBankOps,
                ratingChanges);
    }

    private Cqc rating(String overall, String wellLed) {
        return new Cqc(
                overall,
                random.nextInt(4) == 0 ? "REQUIRES_IMPROVEMENT" : "GOOD",
                "GOOD",
                random.nextInt(3) == 0 ? "OUTSTANDING" : "GOOD",
                "GOOD",
                wellLed,
                settings.today().minusDays(30 + random.nextInt(700)));
    }

    private record Call(CarePackage carePackage, Instant start, int minutes, boolean timeCritical) {}

    private record Booking(Instant end, double lat, double lon) {}

    /** One day of calls for every package, worker by worker in time order so that nobody is double-booked. */
    private void rosterDay(
            LocalDate day,
            List<CarePackage> packages,
            Map<String, List<Worker>> workersOf,
            Map<String, Provider> providers,
            List<Visit> visits,
            int[] visitNo,
            boolean missedDay) {
        var calls = new ArrayList<Call>();
        for (var carePackage : packages) {
            if (missedDay && random.nextDouble() > 0.25) {
                continue; // only some packages had a call that went missing
            }
            int perDay = Math.max(1, Math.min(4, (int) Math.round(carePackage.weeklyMinutes() / 7.0 / 40.0)));
            int dailyMinutes = carePackage.weeklyMinutes() / 7;
            for (int c = 0; c < perDay; c++) {
                int slot = perDay == 1 ? 0 : perDay == 2 ? c * 2 : perDay == 3 ? new int[] {0, 1, 3}[c] : c;
                boolean medication = perDay >= 3 && slot == 1 && random.nextInt(5) == 0;
                int minutes = medication ? 15 : Math.max(30, roundTo(dailyMinutes / perDay, 15));
                Instant start = day.atTime(CALL_TIMES[slot].plusMinutes(15L * random.nextInt(4)))
                        .atZone(LONDON)
                        .toInstant();
                calls.add(new Call(carePackage, start, minutes, medication));
            }
        }
        calls.sort(Comparator.comparing(Call::start)
                .thenComparing(call -> call.carePackage().packageId()));
        var lastBooking = new HashMap<String, Booking>();
        for (var call : calls) {
            var carePackage = call.carePackage();
            var provider = providers.get(carePackage.providerId());
            var staff = workersOf.get(carePackage.providerId());
            // The package's regular worker first (continuity), then the others in a seeded order.
            int regular = Math.abs(carePackage.packageId().hashCode()) % staff.size();
            Worker chosen = null;
            Instant start = call.start();
            for (int attempt = 0; attempt < 5 && chosen == null; attempt++) {
                start = call.start().plusSeconds(attempt * 15L * 60);
                int offset = random.nextInt(staff.size());
                for (int i = -1; i < staff.size(); i++) {
                    var candidate = i < 0 ? staff.get(regular) : staff.get((offset + i) % staff.size());
                    var booked = lastBooking.get(candidate.workerId());
                    if (booked == null || !booked.end().isAfter(start)) {
                        chosen = candidate;
                        break;
                    }
                }
            }
            if (chosen == null) {
                continue; // no capacity at that time of day: the call is not rostered
            }
            var previous = lastBooking.get(chosen.workerId());
            Integer travel = previous == null
                    ? null
                    : travelMinutes(previous.lat(), previous.lon(), carePackage.lat(), carePackage.lon(), chosen);
            lastBooking.put(
                    chosen.workerId(),
                    new Booking(start.plusSeconds(call.minutes() * 60L), carePackage.lat(), carePackage.lon()));
            String visitId = id("visit", ++visitNo[0]);
            visits.add(outcome(visitId, call, start, chosen, provider, travel, missedDay));
        }
    }

    private Visit outcome(
            String visitId,
            Call call,
            Instant start,
            Worker worker,
            Provider provider,
            Integer travel,
            boolean missed) {
        var carePackage = call.carePackage();
        String justification = call.minutes() < 30 ? "medication prompt agreed in the care plan" : null;
        if (missed) {
            return visit(
                    visitId, call, start, worker, travel, justification, Outcome.MISSED, null, null, null, false, null);
        }
        double reliability = worker.unreliable() ? provider.reliability() - 0.25 : provider.reliability();
        if (random.nextDouble() < 0.03) {
            double who = random.nextDouble();
            String by = who < 0.55 ? "CLIENT" : who < 0.90 ? "PROVIDER" : "COUNCIL";
            return visit(
                    visitId,
                    call,
                    start,
                    worker,
                    travel,
                    justification,
                    Outcome.CANCELLED,
                    null,
                    null,
                    null,
                    false,
                    by);
        }
        int lateness;
        if (random.nextDouble() > reliability + 0.02) {
            lateness = (call.timeCritical() ? 16 : 31) + random.nextInt(60); // late
        } else {
            lateness = (int) Math.round(Math.max(-10, Math.min(14, random.nextGaussian() * 6 + 2)));
        }
        Instant checkIn = start.plusSeconds(lateness * 60L);
        boolean endedEarly = random.nextDouble() < 0.07;
        double share;
        if (endedEarly) {
            share = 0.40 + random.nextDouble() * 0.40;
        } else if (random.nextDouble() < (worker.unreliable() ? 0.20 : 0.06)) {
            share = 0.50 + random.nextDouble() * 0.34; // call clipping
        } else {
            share = 0.90 + random.nextDouble() * 0.15;
        }
        int delivered = Math.max(1, (int) Math.round(call.minutes() * share));
        Instant checkOut = checkIn.plusSeconds(delivered * 60L);
        double m = random.nextDouble();
        String method = m < 0.85 ? "APP_GPS" : m < 0.97 ? "TELEPHONY" : "MANUAL";
        return visit(
                visitId,
                call,
                start,
                worker,
                travel,
                justification,
                Outcome.DELIVERED,
                checkIn,
                checkOut,
                method,
                endedEarly,
                null);
    }

    private static Visit visit(
            String visitId,
            Call call,
            Instant start,
            Worker worker,
            Integer travel,
            String justification,
            Outcome outcome,
            Instant checkIn,
            Instant checkOut,
            String method,
            boolean endedEarly,
            String cancelledBy) {
        var carePackage = call.carePackage();
        return new Visit(
                visitId,
                carePackage.packageId(),
                carePackage.clientRef(),
                carePackage.providerId(),
                worker.workerId(),
                start,
                call.minutes(),
                call.timeCritical(),
                justification,
                carePackage.lat(),
                carePackage.lon(),
                travel,
                outcome,
                checkIn,
                checkOut,
                method,
                endedEarly,
                cancelledBy);
    }

    private List<TimeBankOp> timeBankOps(List<CarePackage> packages, List<Visit> visits) {
        var banking = new HashMap<String, CarePackage>();
        packages.stream().filter(CarePackage::timeBanking).forEach(p -> banking.put(p.packageId(), p));
        var balances = new HashMap<String, Integer>();
        var ops = new ArrayList<TimeBankOp>();
        int withdrawalNo = 0;
        for (var visit : visits) {
            if (visit.outcome() != Outcome.DELIVERED
                    || !visit.endedEarlyAtClientRequest()
                    || !banking.containsKey(visit.packageId())) {
                continue;
            }
            int unused = visit.plannedMinutes() - visit.deliveredMinutes();
            if (unused <= 0 || random.nextDouble() > 0.70) {
                continue;
            }
            int balance = balances.getOrDefault(visit.clientRef(), 0);
            if (balance + unused > 600) {
                continue; // the cap: a rostering system would see the headroom and not ask
            }
            balance += unused;
            ops.add(new TimeBankOp(
                    TimeBankKind.DEPOSIT, visit.clientRef(), visit.providerId(), visit.visitId(), null, unused));
            if (random.nextInt(3) == 0) {
                int draw = Math.min(balance, 15 + 5 * random.nextInt(10));
                balance -= draw;
                ops.add(new TimeBankOp(
                        TimeBankKind.WITHDRAWAL,
                        visit.clientRef(),
                        visit.providerId(),
                        null,
                        id("wd", ++withdrawalNo),
                        draw));
            }
            balances.put(visit.clientRef(), balance);
        }
        return List.copyOf(ops);
    }

    private static Integer travelMinutes(double lat1, double lon1, double lat2, double lon2, Worker worker) {
        double km = haversineKm(lat1, lon1, lat2, lon2) * 1.3; // roads are not straight
        double kmPerHour =
                switch (worker.travelMode()) {
                    case "WALK" -> 4.5;
                    case "CYCLE" -> 14;
                    case "PUBLIC_TRANSPORT" -> 12;
                    default -> 28;
                };
        return (int) Math.max(2, Math.round(km / kmPerHour * 60 + 2));
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    private static int roundTo(int value, int unit) {
        return Math.max(unit, Math.round(value / (float) unit) * unit);
    }
}
