package org.carebank.command.visit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.command.lookup.PackageFacts;
import org.carebank.kernel.UkDates;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.visit.ReassignVisit;
import org.carebank.kernel.visit.RescheduleVisit;
import org.carebank.kernel.visit.RosterOutcome;
import org.carebank.kernel.visit.ScheduleRoster;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.kernel.visit.VisitPlan;
import org.springframework.stereotype.Component;

/**
 * The roster commands whose rules reach beyond one visit: the package must be active with an admitted provider (rule
 * 1), the worker must work for that provider, and a worker cannot be booked into two overlapping visits (rule 3). The
 * worker's lookup row is locked for the rest of the transaction, so two bookings of one worker cannot both pass.
 */
@Component
class VisitScheduling {

    private final Repository<Visit> visits;
    private final CommandLookups lookups;
    private final VisitRules rules;
    private final AlertRules alertRules;
    private final DeadlineManager deadlines;

    VisitScheduling(
            Repository<Visit> visits,
            CommandLookups lookups,
            VisitRules rules,
            AlertRules alertRules,
            DeadlineManager deadlines) {
        this.visits = visits;
        this.lookups = lookups;
        this.rules = rules;
        this.alertRules = alertRules;
        this.deadlines = deadlines;
    }

    @CommandHandler
    CommandOutcome handle(ScheduleVisit command, Caller caller) throws Exception {
        return schedule(command, visits.loadOrCreate(command.streamId(), Visit::new), new Bookings(lookups), caller);
    }

    /**
     * A roster in one unit of work: one append and one commit for all its visits. The visits are loaded (and locked)
     * in id order and the workers locked in id order before any line is checked, the same order as single commands
     * take, so two rosters or a roster and a single command never wait for each other in a circle. The workers' stored
     * bookings over the roster's span are then read in one query instead of one per line.
     */
    @CommandHandler
    RosterOutcome handle(ScheduleRoster roster, Caller caller) throws Exception {
        var loaded = new HashMap<String, Aggregate<Visit>>();
        for (String streamId : new TreeSet<>(
                roster.visits().stream().map(ScheduleVisit::streamId).toList())) {
            loaded.put(streamId, visits.loadOrCreate(streamId, Visit::new));
        }
        var bookings = new Bookings(lookups);
        bookings.readStored(roster.visits().stream().map(ScheduleVisit::plan).toList());
        var lines = new ArrayList<RosterOutcome.Line>();
        for (ScheduleVisit line : roster.visits()) {
            try {
                lines.add(RosterOutcome.Line.of(schedule(line, loaded.get(line.streamId()), bookings, caller)));
            } catch (CommandRefusedException refused) {
                lines.add(RosterOutcome.Line.refused(refused.refusal()));
            }
        }
        return new RosterOutcome(lines);
    }

    /** Every rule is checked before the visit applies anything, so a refused line leaves nothing behind. */
    private CommandOutcome schedule(ScheduleVisit command, Aggregate<Visit> visit, Bookings bookings, Caller caller) {
        if (visit.invoke(Visit::exists)) {
            return visit.invoke(v -> v.repeatSchedule(command, caller));
        }
        var plan = command.plan();
        PackageFacts carePackage = requireBookable(command.visitId(), plan, true, bookings, caller);
        var outcome = visit.invoke(v -> v.schedule(command, carePackage, rules, alertRules, deadlines));
        bookings.booked(plan.workerId(), command.visitId(), plan.plannedStart(), plan.plannedEnd());
        return outcome;
    }

    /**
     * The rules a new visit meets beyond itself, live or imported: an active package of an admitted provider, a worker
     * of that provider who has not left by the planned day and, when the visit occupies the worker, is free then.
     */
    PackageFacts requireBookable(
            String visitId, VisitPlan plan, boolean occupiesWorker, Bookings bookings, Caller caller) {
        PackageFacts carePackage = activePackage(plan.packageId(), bookings, caller);
        requireWorkerOf(plan.workerId(), carePackage.providerId(), bookings, caller);
        requireStillEmployed(plan.workerId(), plan.plannedStart(), bookings);
        if (occupiesWorker) {
            requireFree(plan.workerId(), visitId, plan.plannedStart(), plan.plannedEnd(), bookings);
        }
        return carePackage;
    }

    @CommandHandler
    CommandOutcome handle(RescheduleVisit command, Caller caller) {
        Aggregate<Visit> visit = visits.load(command.streamId());
        visit.execute(v -> v.requireVisibleTo(caller));
        var plan = visit.invoke(Visit::plan);
        Instant end = command.plannedStart().plusSeconds(command.plannedMinutes() * 60L);
        var bookings = new Bookings(lookups);
        requireStillEmployed(plan.workerId(), command.plannedStart(), bookings);
        requireFree(plan.workerId(), command.visitId(), command.plannedStart(), end, bookings);
        return visit.invoke(v -> v.reschedule(command, rules, alertRules, deadlines, caller));
    }

    @CommandHandler
    CommandOutcome handle(ReassignVisit command, Caller caller) {
        Aggregate<Visit> visit = visits.load(command.streamId());
        visit.execute(v -> v.requireVisibleTo(caller));
        var plan = visit.invoke(Visit::plan);
        var bookings = new Bookings(lookups);
        requireWorkerOf(command.workerId(), visit.invoke(Visit::providerId), bookings, caller);
        requireStillEmployed(command.workerId(), plan.plannedStart(), bookings);
        requireFree(command.workerId(), command.visitId(), plan.plannedStart(), plan.plannedEnd(), bookings);
        return visit.invoke(v -> v.reassign(command, caller));
    }

    private PackageFacts activePackage(String packageId, Bookings bookings, Caller caller) {
        var carePackage = bookings.carePackage(packageId)
                .filter(p -> p.providerId() == null || caller.mayActFor(p.providerId()))
                .orElseThrow(() -> Refusal.notFound("unknown-package", "No package " + packageId + ".")
                        .exception());
        if (carePackage.status() != PackageStatus.ACTIVE) {
            throw Refusal.rule(
                            "package-not-active",
                            "Package " + packageId + " is " + carePackage.status()
                                    + ": visits are scheduled only on a package a provider has accepted.")
                    .exception();
        }
        if (!caller.mayActFor(carePackage.providerId())) {
            throw Refusal.notFound("unknown-package", "No package " + packageId + ".")
                    .exception();
        }
        var providerStatus = bookings.providerStatus(carePackage.providerId()).orElseThrow();
        if (providerStatus != ListStatus.ADMITTED) {
            throw Refusal.rule(
                            "provider-suspended",
                            "Provider " + carePackage.providerId()
                                    + " is suspended from the approved list and cannot have new visits.")
                    .exception();
        }
        return carePackage;
    }

    private void requireWorkerOf(String workerId, String providerId, Bookings bookings, Caller caller) {
        String employer = bookings.employer(workerId).filter(caller::mayActFor).orElseThrow(() -> Refusal.notFound(
                        "unknown-worker", "No worker " + workerId + ".")
                .exception());
        if (!employer.equals(providerId)) {
            throw Refusal.rule(
                            "worker-not-with-provider",
                            "Worker " + workerId + " does not work for provider " + providerId + ".")
                    .exception();
        }
    }

    /** A worker who has left works no visit planned on their leaving day or later (rule: worker-left). */
    private void requireStillEmployed(String workerId, Instant plannedStart, Bookings bookings) {
        bookings.leftOn(workerId)
                .filter(leftOn -> UkDates.onOrAfter(plannedStart, leftOn))
                .ifPresent(leftOn -> {
                    throw Refusal.rule(
                                    "worker-left",
                                    "Worker " + workerId + " left on " + leftOn
                                            + " and cannot be booked into a visit planned on or after that day.")
                            .with("leftOn", leftOn.toString())
                            .exception();
                });
    }

    private void requireFree(String workerId, String visitId, Instant start, Instant end, Bookings bookings) {
        bookings.clash(workerId, visitId, start, end).ifPresent(clash -> {
            throw Refusal.rule(
                            "worker-double-booked",
                            "Worker " + workerId + " is already booked into visit " + clash + " at that time.")
                    .with("clashingVisitId", clash)
                    .exception();
        });
    }
}
