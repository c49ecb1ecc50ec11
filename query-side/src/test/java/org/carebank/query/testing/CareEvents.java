package org.carebank.query.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.carebank.kernel.carepackage.DeclineReason;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.kernel.provider.ContractType;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.TravelMode;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.Billing;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.DeliverySource;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitCancelled;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitCheckedOut;
import org.carebank.kernel.visit.VisitDelivered;
import org.carebank.kernel.visit.VisitMissed;
import org.carebank.kernel.visit.VisitPlan;
import org.carebank.kernel.visit.VisitReassigned;
import org.carebank.kernel.visit.VisitRescheduled;
import org.carebank.kernel.visit.VisitScheduled;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.kernel.visit.VisitTimes;

/**
 * Events as the command side records them, with the command side's default rules (late after 30 minutes, short below
 * 85% of planned, missed after 120 minutes, billed per actual minute at 2400 pence an hour).
 */
public final class CareEvents {

    private CareEvents() {}

    public static CqcRatings cqc(CqcRating overall, CqcRating wellLed) {
        return new CqcRatings(
                overall,
                CqcRating.GOOD,
                CqcRating.GOOD,
                CqcRating.GOOD,
                CqcRating.GOOD,
                wellLed,
                LocalDate.of(2026, 3, 1));
    }

    public static ProviderAdmitted providerAdmitted(String providerId, String... zones) {
        return new ProviderAdmitted(
                providerId,
                "Provider " + providerId,
                List.of(zones),
                cqc(CqcRating.GOOD, CqcRating.GOOD),
                CqcRating.GOOD);
    }

    public static CqcRatingsRecorded ratings(String providerId, CqcRating overall, CqcRating wellLed) {
        return new CqcRatingsRecorded(providerId, cqc(overall, wellLed));
    }

    public static ProviderSuspended suspended(String providerId, CqcRating overall, CqcRating wellLed) {
        return new ProviderSuspended(providerId, overall, wellLed, CqcRating.GOOD);
    }

    public static WorkerRegistered worker(
            String providerId, String workerId, ContractType contract, TravelMode mode, int hourlyPayPence) {
        return new WorkerRegistered(providerId, workerId, contract, mode, hourlyPayPence);
    }

    public static PackageCommissioned commissioned(
            String packageId, String clientRef, int weeklyMinutes, String startsOn, String endsOn) {
        return new PackageCommissioned(
                packageId,
                clientRef,
                "north",
                weeklyMinutes,
                2400,
                true,
                LocalDate.parse(startsOn),
                endsOn == null ? null : LocalDate.parse(endsOn));
    }

    public static PackageOffered offered(String packageId, String providerId) {
        return new PackageOffered(packageId, providerId);
    }

    public static PackageAccepted accepted(String packageId, String providerId, String clientRef) {
        return new PackageAccepted(packageId, providerId, clientRef);
    }

    public static PackageDeclined declined(String packageId, String providerId, DeclineReason reason) {
        return new PackageDeclined(packageId, providerId, reason, null);
    }

    public static PackageHandedBack handedBack(String packageId, String providerId, String effectiveOn) {
        return new PackageHandedBack(packageId, providerId, "staffing", LocalDate.parse(effectiveOn));
    }

    public static Visit visit(String visitId) {
        return new Visit(visitId);
    }

    /** One visit through its life; the worker and plan follow reassignments and reschedules. */
    public static final class Visit {

        private final String visitId;
        private String providerId = "p";
        private String packageId = "pkg";
        private String clientRef = "C-1";
        private String zone = "north";
        private String workerId = "w";
        private Instant plannedStart;
        private int plannedMinutes = 30;
        private Location location;
        private Integer rosteredTravelMinutes;
        private Instant checkedInAt;

        private Visit(String visitId) {
            this.visitId = visitId;
        }

        public String id() {
            return visitId;
        }

        public Visit provider(String providerId) {
            this.providerId = providerId;
            return this;
        }

        public Visit client(String clientRef, String packageId) {
            this.clientRef = clientRef;
            this.packageId = packageId;
            return this;
        }

        public Visit zone(String zone) {
            this.zone = zone;
            return this;
        }

        public Visit worker(String workerId) {
            this.workerId = workerId;
            return this;
        }

        public Visit planned(String start, int minutes) {
            this.plannedStart = Instant.parse(start);
            this.plannedMinutes = minutes;
            return this;
        }

        public Visit at(double lat, double lon) {
            this.location = new Location(lat, lon);
            return this;
        }

        /** The roster's travel from the worker's previous visit to this one. */
        public Visit rosteredTravel(Integer minutes) {
            this.rosteredTravelMinutes = minutes;
            return this;
        }

        public VisitScheduled scheduled() {
            var plan = new VisitPlan(
                    packageId,
                    workerId,
                    plannedStart,
                    plannedMinutes,
                    false,
                    plannedMinutes < 30 ? "medication prompt" : null,
                    location,
                    rosteredTravelMinutes);
            return new VisitScheduled(visitId, plan, clientRef, providerId, zone, 2400, 30, 120);
        }

        public VisitRescheduled rescheduled(String start, int minutes) {
            var event = new VisitRescheduled(
                    visitId, workerId, plannedStart, plannedMinutes, Instant.parse(start), minutes);
            plannedStart = Instant.parse(start);
            plannedMinutes = minutes;
            return event;
        }

        public VisitReassigned reassignedTo(String newWorker) {
            var event = new VisitReassigned(visitId, workerId, newWorker, plannedStart);
            workerId = newWorker;
            return event;
        }

        public VisitCancelled cancelled(CancellationInitiator by, String at) {
            Instant when = Instant.parse(at);
            return new VisitCancelled(
                    visitId,
                    providerId,
                    workerId,
                    by,
                    "reason",
                    when,
                    plannedStart,
                    Duration.between(when, plannedStart).toMinutes());
        }

        public VisitMissed missed() {
            return new VisitMissed(
                    visitId, providerId, clientRef, workerId, plannedStart, 120, plannedStart.plusSeconds(7200));
        }

        public VisitCheckedIn checkedIn(String at) {
            checkedInAt = Instant.parse(at);
            return new VisitCheckedIn(
                    visitId, workerId, checkedInAt, EcmMethod.APP_GPS, null, null, late(checkedInAt), minutesLate());
        }

        /** Check-in, check-out and the delivery they make, as the command side applies them. */
        public Object[] deliveredEcm(String in, String out) {
            var checkIn = checkedIn(in);
            Instant outAt = Instant.parse(out);
            return new Object[] {
                checkIn,
                new VisitCheckedOut(visitId, outAt, EcmMethod.APP_GPS, null),
                delivered(DeliverySource.ECM, checkedInAt, outAt, false)
            };
        }

        /** The same, the client having asked to end early (never short then). */
        public Object[] deliveredEcmEndedEarly(String in, String out) {
            var checkIn = checkedIn(in);
            Instant outAt = Instant.parse(out);
            return new Object[] {
                checkIn,
                new VisitCheckedOut(visitId, outAt, EcmMethod.APP_GPS, null),
                delivered(DeliverySource.ECM, checkedInAt, outAt, true)
            };
        }

        /** Delivered minutes recorded by hand, without ECM. */
        public VisitDelivered recorded(String startedAt, int minutes) {
            Instant start = Instant.parse(startedAt);
            return delivered(DeliverySource.RECORDED, start, start.plusSeconds(minutes * 60L), false);
        }

        /** An amendment asking for these times (null: no change recorded there), by {@code by}, at {@code at}. */
        public VisitAmendmentRequested amendmentRequested(
                String amendmentId, VisitStatus statusBefore, String in, String out, String by, String at) {
            Instant start = in == null ? null : Instant.parse(in);
            Instant end = out == null ? null : Instant.parse(out);
            int minutes = start == null || end == null
                    ? 0
                    : (int) Duration.between(start, end).toMinutes();
            Instant before = checkedInAt;
            return new VisitAmendmentRequested(
                    visitId,
                    amendmentId,
                    providerId,
                    clientRef,
                    workerId,
                    plannedStart,
                    statusBefore,
                    new VisitTimes(before, null, 0, false, false),
                    new VisitTimes(start, end, minutes, false, start == null),
                    AmendmentReason.WORKER_DID_NOT_CHECK_OUT,
                    "phone died",
                    by,
                    Instant.parse(at));
        }

        /** The approval of the amendment for these times, as the command side decides it. */
        public VisitAmendmentApproved amendmentApproved(String amendmentId, String in, String out, String at) {
            Instant start = Instant.parse(in);
            Instant end = Instant.parse(out);
            var delivery = delivered(DeliverySource.ECM, start, end, false);
            return new VisitAmendmentApproved(
                    visitId,
                    amendmentId,
                    providerId,
                    clientRef,
                    workerId,
                    plannedStart,
                    plannedMinutes,
                    start,
                    end,
                    delivery.deliveredMinutes(),
                    delivery.late(),
                    delivery.shortVisit(),
                    0,
                    false,
                    false,
                    delivery.billing(),
                    AmendmentReason.WORKER_DID_NOT_CHECK_OUT,
                    null,
                    "council-2",
                    false,
                    Instant.parse(at));
        }

        public VisitAmendmentRejected amendmentRejected(String amendmentId, String at) {
            return new VisitAmendmentRejected(
                    visitId, amendmentId, providerId, "no evidence", "council-2", Instant.parse(at));
        }

        private VisitDelivered delivered(DeliverySource source, Instant start, Instant end, boolean endedEarly) {
            int minutes = (int) Duration.between(start, end).toMinutes();
            boolean shortVisit = !endedEarly && minutes * 100 < plannedMinutes * 85;
            return new VisitDelivered(
                    visitId,
                    providerId,
                    clientRef,
                    workerId,
                    source,
                    start,
                    end,
                    plannedMinutes,
                    minutes,
                    late(start),
                    endedEarly,
                    shortVisit,
                    endedEarly ? Math.max(0, plannedMinutes - minutes) : 0,
                    source == DeliverySource.RECORDED ? "paper timesheet" : null,
                    new Billing(BillingRule.ACTUAL, 0, 0, 2400, minutes, minutes * 40L));
        }

        private boolean late(Instant start) {
            return start.isAfter(plannedStart.plusSeconds(30 * 60));
        }

        private long minutesLate() {
            return Math.max(0, Duration.between(plannedStart, checkedInAt).toMinutes());
        }
    }
}
