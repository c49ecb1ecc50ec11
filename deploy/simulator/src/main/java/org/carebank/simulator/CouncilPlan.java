package org.carebank.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the simulator will send, decided up front from the seed: a pure value, so the same seed and settings
 * give an equal plan (see {@code CouncilPlanTest}) and a run can be repeated.
 */
record CouncilPlan(
        Settings settings,
        List<String> zones,
        List<Provider> providers,
        List<Worker> workers,
        List<CarePackage> packages,
        List<Visit> visits,
        List<TimeBankOp> timeBankOps,
        List<RatingChange> ratingChanges) {

    record Settings(
            long seed,
            String prefix,
            int providers,
            int refusedProviders,
            int workersPerProvider,
            int packages,
            int weeks,
            LocalDate firstDay,
            LocalDate today) {

        /** A small fixed council for a newcomer's dashboards: loads in well under a minute. */
        static Settings demo(LocalDate today) {
            return new Settings(42, "demo", 4, 2, 4, 16, 1, today.plusDays(1), today);
        }

        /**
         * The same council over the {@code weeks} weeks that ended the day before yesterday: yesterday keeps the
         * plan's never-checked-in visits (which the import records without a miss) and no day is rostered twice.
         */
        static Settings history(Settings settings, int weeks) {
            if (weeks < 1) {
                throw new IllegalArgumentException("--history needs at least 1 week");
            }
            LocalDate today = settings.today();
            return new Settings(
                    settings.seed(),
                    settings.prefix(),
                    settings.providers(),
                    settings.refusedProviders(),
                    settings.workersPerProvider(),
                    settings.packages(),
                    weeks,
                    today.minusDays(7L * weeks + 1),
                    today);
        }

        static Settings standard(long seed, String prefix, LocalDate today) {
            return new Settings(seed, prefix, 12, 2, 10, 150, 4, today.plusDays(1), today);
        }
    }

    record Cqc(
            String overall,
            String safe,
            String effective,
            String caring,
            String responsive,
            String wellLed,
            LocalDate inspectedOn) {}

    /** {@code admitted} is what the council's rule should answer: false for a provider rated below Good. */
    record Provider(
            String providerId, String name, List<String> zones, Cqc cqc, double reliability, boolean admitted) {}

    record Worker(
            String workerId,
            String providerId,
            String contractType,
            String travelMode,
            int hourlyPayPence,
            boolean unreliable) {}

    /** {@code declinedBy}: a provider the package is offered to first and that declines it for lack of capacity. */
    record CarePackage(
            String packageId,
            String clientRef,
            String zone,
            int weeklyMinutes,
            int hourlyRatePence,
            boolean timeBanking,
            LocalDate startsOn,
            String providerId,
            String declinedBy,
            double lat,
            double lon) {}

    enum Outcome {
        DELIVERED,
        CANCELLED,
        /** Scheduled after its missed moment with no check-in: the service records it missed. */
        MISSED
    }

    record Visit(
            String visitId,
            String packageId,
            String clientRef,
            String providerId,
            String workerId,
            Instant plannedStart,
            int plannedMinutes,
            boolean timeCritical,
            String shortVisitJustification,
            double lat,
            double lon,
            Integer plannedTravelMinutes,
            Outcome outcome,
            Instant checkInAt,
            Instant checkOutAt,
            String method,
            boolean endedEarlyAtClientRequest,
            String cancelledBy) {

        boolean late() {
            return checkInAt != null && checkInAt.isAfter(plannedStart.plusSeconds((timeCritical ? 15 : 30) * 60L));
        }

        int deliveredMinutes() {
            return checkInAt == null
                    ? 0
                    : (int) java.time.Duration.between(checkInAt, checkOutAt).toMinutes();
        }
    }

    enum TimeBankKind {
        DEPOSIT,
        WITHDRAWAL
    }

    /** Deposits name the visit whose unused minutes they bank; withdrawals carry their own id. */
    record TimeBankOp(
            TimeBankKind kind, String clientRef, String providerId, String visitId, String withdrawalId, int minutes) {}

    record RatingChange(String providerId, Cqc cqc) {}

    long count(Outcome outcome) {
        return visits.stream().filter(v -> v.outcome() == outcome).count();
    }
}
