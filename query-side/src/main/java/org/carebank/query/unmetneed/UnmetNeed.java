package org.carebank.query.unmetneed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;

/**
 * Who is waiting for care as of an instant, and how long placing took in a period; CSV gives one line per package
 * waiting.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UnmetNeed(
        Instant asOf,
        LocalDate from,
        LocalDate to,
        int packagesWaiting,
        List<WaitingPackage> packages,
        List<Zone> zones)
        implements CsvExportable {

    /** A decline during the current wait: which provider, and why. */
    record Decline(String providerId, String reason) {}

    /**
     * @param waitingSince the commission, or the hand-back when the package waits again
     * @param waitingDays whole days from {@code waitingSince} to {@code asOf}
     * @param offers offers made during this wait
     */
    record WaitingPackage(
            String packageId,
            String clientRef,
            String zone,
            int weeklyMinutes,
            Instant commissionedAt,
            Instant waitingSince,
            long waitingDays,
            boolean handedBack,
            int offers,
            List<Decline> declines) {}

    /**
     * @param handedBackWaiting packages waiting again after a provider handed them back
     * @param placedInPeriod waits that ended in the period with a provider's acceptance
     * @param medianDaysToPlace nearest-rank median of the whole days those waits took; null when none
     * @param p90DaysToPlace nearest-rank 90th percentile of the same; null when none
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Zone(
            String zone,
            int packagesWaiting,
            long unplacedMinutesPerWeek,
            int handedBackWaiting,
            int placedInPeriod,
            Long medianDaysToPlace,
            Long p90DaysToPlace) {}

    @Override
    public CsvTable toCsv() {
        var header = List.of(
                "packageId",
                "clientRef",
                "zone",
                "weeklyMinutes",
                "commissionedAt",
                "waitingSince",
                "waitingDays",
                "handedBack",
                "offers",
                "declines",
                "declinedForNoCapacity");
        var rows = packages.stream()
                .map(p -> Arrays.<Object>asList(
                        p.packageId(),
                        p.clientRef(),
                        p.zone(),
                        p.weeklyMinutes(),
                        p.commissionedAt(),
                        p.waitingSince(),
                        p.waitingDays(),
                        p.handedBack(),
                        p.offers(),
                        p.declines().size(),
                        p.declines().stream()
                                .filter(d -> d.reason().equals("NO_CAPACITY"))
                                .count()))
                .toList();
        return new CsvTable(header, rows);
    }
}
