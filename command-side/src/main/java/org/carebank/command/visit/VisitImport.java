package org.carebank.command.visit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.carebank.kernel.visit.ImportVisit;
import org.carebank.kernel.visit.ImportVisits;
import org.carebank.kernel.visit.RosterOutcome;
import org.springframework.stereotype.Component;

/**
 * A chunk of a history import in one unit of work, as a roster is (ADR 0008): visits loaded in id order, the workers'
 * stored bookings read once. Each line meets the live scheduling rules ({@link VisitScheduling#requireBookable}) and
 * the visit's own rules before anything of it is applied, so a refused line leaves nothing and the others are stored.
 */
@Component
class VisitImport {

    private final Repository<Visit> visits;
    private final CommandLookups lookups;
    private final VisitScheduling scheduling;
    private final VisitRules rules;
    private final AlertRules alertRules;
    private final BillingPolicy billing;
    private final DeadlineManager deadlines;

    VisitImport(
            Repository<Visit> visits,
            CommandLookups lookups,
            VisitScheduling scheduling,
            VisitRules rules,
            AlertRules alertRules,
            BillingPolicy billing,
            DeadlineManager deadlines) {
        this.visits = visits;
        this.lookups = lookups;
        this.scheduling = scheduling;
        this.rules = rules;
        this.alertRules = alertRules;
        this.billing = billing;
        this.deadlines = deadlines;
    }

    @CommandHandler
    RosterOutcome handle(ImportVisits chunk, Caller caller) throws Exception {
        var loaded = new HashMap<String, Aggregate<Visit>>();
        for (String streamId :
                new TreeSet<>(chunk.visits().stream().map(ImportVisit::streamId).toList())) {
            loaded.put(streamId, visits.loadOrCreate(streamId, Visit::new));
        }
        var bookings = new Bookings(lookups);
        bookings.readStored(chunk.visits().stream().map(ImportVisit::plan).toList());
        var lines = new ArrayList<RosterOutcome.Line>();
        for (ImportVisit line : chunk.visits()) {
            try {
                lines.add(RosterOutcome.Line.of(importLine(line, loaded.get(line.streamId()), bookings, caller)));
            } catch (CommandRefusedException refused) {
                lines.add(RosterOutcome.Line.refused(refused.refusal()));
            }
        }
        return new RosterOutcome(lines);
    }

    private CommandOutcome importLine(ImportVisit line, Aggregate<Visit> visit, Bookings bookings, Caller caller) {
        if (visit.invoke(Visit::exists)) {
            return visit.invoke(v -> v.repeatImport(line, caller));
        }
        var plan = line.plan();
        // A visit the previous system shows cancelled never occupied its worker: its slot may hold the replacement.
        boolean occupiesWorker = line.cancellation() == null;
        var carePackage = scheduling.requireBookable(line.visitId(), plan, occupiesWorker, bookings, caller);
        var outcome = visit.invoke(v -> v.importPast(line, carePackage, rules, alertRules, billing, deadlines));
        if (occupiesWorker) {
            bookings.booked(plan.workerId(), line.visitId(), plan.plannedStart(), plan.plannedEnd());
        }
        return outcome;
    }
}
