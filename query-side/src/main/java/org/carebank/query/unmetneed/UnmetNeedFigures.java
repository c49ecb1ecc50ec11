package org.carebank.query.unmetneed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.carebank.query.unmetneed.PackageWaits.ResponseKind;
import org.carebank.query.unmetneed.PackageWaits.Wait;

/**
 * The unmet need figures, once, from packages' waits: who waits at an instant, and how long the waits that ended in a
 * period took. Pure, so the answer as of any instant, each week of the trend and the tests use the same arithmetic.
 */
final class UnmetNeedFigures {

    private UnmetNeedFigures() {}

    /** Whole days from {@code since} to {@code until}, rounded down. */
    static long days(Instant since, Instant until) {
        return Duration.between(since, until).toDays();
    }

    /**
     * Nearest-rank percentile: the smallest value with at least {@code percent}% of the values at or below it (the
     * {@code ceil(percent/100 * n)}-th smallest); null for no values.
     */
    static Long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return null;
        }
        var sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    /**
     * @param zones every zone to report (a zone with nobody waiting is reported with zeros: the headline figure)
     * @param placedFrom the period's first instant, inclusive
     * @param placedUntil the period's end, exclusive (never after {@code asOf})
     */
    static List<UnmetNeed.Zone> zones(
            Collection<PackageWaits> packages,
            Collection<String> zones,
            Instant asOf,
            Instant placedFrom,
            Instant placedUntil) {
        var byZone = new TreeMap<String, List<Long>>();
        var waiting = new TreeMap<String, long[]>();
        zones.forEach(zone -> {
            byZone.put(zone, new ArrayList<>());
            waiting.put(zone, new long[3]);
        });
        for (PackageWaits pkg : packages) {
            byZone.computeIfAbsent(pkg.zone(), z -> new ArrayList<>());
            long[] counts = waiting.computeIfAbsent(pkg.zone(), z -> new long[3]);
            for (Wait wait : pkg.waits()) {
                if (wait.waitingAt(asOf)) {
                    counts[0]++;
                    counts[1] += pkg.weeklyMinutes();
                    counts[2] += wait.afterHandBack() ? 1 : 0;
                }
                if (wait.placedAt() != null
                        && !wait.placedAt().isBefore(placedFrom)
                        && wait.placedAt().isBefore(placedUntil)
                        && !wait.placedAt().isAfter(asOf)) {
                    byZone.get(pkg.zone()).add(days(wait.since(), wait.placedAt()));
                }
            }
        }
        var answer = new ArrayList<UnmetNeed.Zone>();
        for (Map.Entry<String, long[]> zone : waiting.entrySet()) {
            List<Long> placed = byZone.get(zone.getKey());
            answer.add(new UnmetNeed.Zone(
                    zone.getKey(),
                    (int) zone.getValue()[0],
                    zone.getValue()[1],
                    (int) zone.getValue()[2],
                    placed.size(),
                    percentile(placed, 50),
                    percentile(placed, 90)));
        }
        return answer;
    }

    /** The packages waiting at {@code asOf}, longest waiting first, with what was offered and declined by then. */
    static List<UnmetNeed.WaitingPackage> waiting(Collection<PackageWaits> packages, Instant asOf) {
        var answer = new ArrayList<UnmetNeed.WaitingPackage>();
        for (PackageWaits pkg : packages) {
            for (Wait wait : pkg.waits()) {
                if (!wait.waitingAt(asOf)) {
                    continue;
                }
                var responses = wait.responses().stream()
                        .filter(r -> !r.at().isAfter(asOf))
                        .toList();
                answer.add(new UnmetNeed.WaitingPackage(
                        pkg.packageId(),
                        pkg.clientRef(),
                        pkg.zone(),
                        pkg.weeklyMinutes(),
                        pkg.commissionedAt(),
                        wait.since(),
                        days(wait.since(), asOf),
                        wait.afterHandBack(),
                        (int) responses.stream()
                                .filter(r -> r.kind() == ResponseKind.OFFERED)
                                .count(),
                        responses.stream()
                                .filter(r -> r.kind() == ResponseKind.DECLINED)
                                .map(r -> new UnmetNeed.Decline(r.providerId(), r.reason()))
                                .toList()));
            }
        }
        answer.sort(Comparator.comparing(UnmetNeed.WaitingPackage::waitingSince)
                .thenComparing(UnmetNeed.WaitingPackage::packageId));
        return answer;
    }
}
