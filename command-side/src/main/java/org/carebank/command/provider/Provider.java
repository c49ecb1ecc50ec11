package org.carebank.command.provider;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.payment.BillingRuleSet;
import org.carebank.kernel.payment.SetBillingRule;
import org.carebank.kernel.provider.ActionPlanCompleted;
import org.carebank.kernel.provider.ActionPlanOpened;
import org.carebank.kernel.provider.AdmitProvider;
import org.carebank.kernel.provider.ChangeWorkerPay;
import org.carebank.kernel.provider.CompleteActionPlan;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.OpenActionPlan;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.QualificationRecorded;
import org.carebank.kernel.provider.RecordCqcRatings;
import org.carebank.kernel.provider.RecordQualification;
import org.carebank.kernel.provider.RecordWorkerLeaving;
import org.carebank.kernel.provider.RegisterWorker;
import org.carebank.kernel.provider.WorkerLeft;
import org.carebank.kernel.provider.WorkerPayChanged;
import org.carebank.kernel.provider.WorkerRegistered;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;

/** A home care agency on (or suspended from) the council's approved list, with the workers it employs. */
@Aggregate
class Provider {

    /** The billing rule set from each date; a later rule from the same date replaces an earlier one. */
    private final java.util.Map<java.time.LocalDate, BillingRuleSet> billingRules = new java.util.HashMap<>();

    @AggregateIdentifier
    private String streamId;

    private String providerId;

    private String name;
    private List<String> zones;
    private CqcRatings admittedWith;
    private CqcRatings cqc;
    private ListStatus status;
    private final Map<String, WorkerRegistered> workers = new HashMap<>();
    private final Map<String, Map<LocalDate, Integer>> payChanges = new HashMap<>();
    private final Map<String, WorkerLeft> leavers = new HashMap<>();
    private final Map<String, QualificationRecorded> qualifications = new HashMap<>();
    private final Map<String, ActionPlanOpened> actionPlans = new HashMap<>();
    private final Map<String, ActionPlanCompleted> completedPlans = new HashMap<>();

    protected Provider() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandOutcome handle(AdmitProvider command, ApprovedListPolicy policy) {
        if (providerId != null) {
            // A retry is compared with the admission as recorded, not with ratings recorded since.
            if (name.equals(command.name()) && zones.equals(command.zones()) && admittedWith.equals(command.cqc())) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "provider-id-reused",
                            "Provider " + providerId + " is already admitted with other details; use the ratings"
                                    + " endpoint to record new CQC ratings.")
                    .exception();
        }
        if (!policy.admits(command.cqc())) {
            throw Refusal.rule(
                            "provider-below-minimum-rating",
                            "A provider is admitted only with CQC overall and well-led rated at least "
                                    + policy.minimumRating() + ".")
                    .with("minimumRating", policy.minimumRating())
                    .with("overall", command.cqc().overall())
                    .with("wellLed", command.cqc().wellLed())
                    .exception();
        }
        apply(new ProviderAdmitted(
                command.providerId(),
                command.name(),
                command.zones(),
                command.cqc(),
                policy.minimumRating(),
                policy.minimumWellLed()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(RecordCqcRatings command, ApprovedListPolicy policy) {
        if (cqc.equals(command.cqc())) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        apply(new CqcRatingsRecorded(providerId, command.cqc()));
        boolean admissible = policy.admits(command.cqc());
        var overall = command.cqc().overall();
        var wellLed = command.cqc().wellLed();
        if (status == ListStatus.ADMITTED && !admissible) {
            apply(new ProviderSuspended(providerId, overall, wellLed, policy.minimumRating()));
        } else if (status == ListStatus.SUSPENDED && admissible) {
            apply(new ProviderReinstated(providerId, overall, wellLed, policy.minimumRating()));
        }
        return CommandOutcome.RECORDED;
    }

    /** Called by {@link WorkerRegistration}, which has checked that no other provider uses the worker id. */
    CommandOutcome registerWorker(RegisterWorker command, Caller caller) {
        requireVisibleTo(caller);
        var registered = new WorkerRegistered(
                providerId, command.workerId(), command.contractType(), command.travelMode(), command.hourlyPayPence());
        WorkerRegistered existing = workers.get(command.workerId());
        if (existing != null) {
            if (existing.equals(registered)) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            // Registration is a fact of the past, not a form to resubmit: pay changes and leaving have their own
            // commands (and dates), so a second registration with other details would rewrite history silently.
            throw Refusal.conflict(
                            "worker-id-reused",
                            "Worker " + command.workerId() + " is already registered with other details; record a"
                                    + " pay change, a leaving or a qualification with their own endpoints.")
                    .exception();
        }
        apply(registered);
        return CommandOutcome.RECORDED;
    }

    /** The provider's billing rule from a date; the same rule from the same date again is a repeat. */
    @CommandHandler
    CommandOutcome handle(SetBillingRule command) {
        var set = new BillingRuleSet(providerId, command.terms(), command.effectiveFrom());
        if (set.equals(billingRules.get(command.effectiveFrom()))) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        apply(set);
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(ChangeWorkerPay command, Caller caller) {
        requireVisibleTo(caller);
        String workerId = requireWorker(command.workerId());
        Integer recorded = payChanges.getOrDefault(workerId, Map.of()).get(command.effectiveFrom());
        if (recorded != null) {
            if (recorded == command.hourlyPayPence()) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "pay-change-conflicts",
                            "Worker " + workerId + " already has a pay of " + recorded + " pence an hour from "
                                    + command.effectiveFrom() + "; record a change from another date.")
                    .with("hourlyPayPence", recorded)
                    .exception();
        }
        requireNotLeftBy(workerId, command.effectiveFrom());
        apply(new WorkerPayChanged(providerId, workerId, command.hourlyPayPence(), command.effectiveFrom()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(RecordWorkerLeaving command, Caller caller) {
        requireVisibleTo(caller);
        String workerId = requireWorker(command.workerId());
        WorkerLeft left = leavers.get(workerId);
        if (left != null) {
            if (left.leftOn().equals(command.leftOn()) && left.reason() == command.reason()) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "worker-already-left", "Worker " + workerId + " already left on " + left.leftOn() + ".")
                    .with("leftOn", left.leftOn().toString())
                    .exception();
        }
        apply(new WorkerLeft(providerId, workerId, command.leftOn(), command.reason()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(RecordQualification command, Caller caller) {
        requireVisibleTo(caller);
        String workerId = requireWorker(command.workerId());
        var recorded = new QualificationRecorded(
                providerId,
                workerId,
                command.qualificationId(),
                command.kind(),
                command.achievedOn(),
                command.expiresOn());
        QualificationRecorded earlier = qualifications.get(command.qualificationId());
        if (earlier != null) {
            if (earlier.equals(recorded)) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "qualification-id-reused",
                            "Qualification " + command.qualificationId() + " is already recorded with other details.")
                    .exception();
        }
        if (command.expiresOn() != null && !command.expiresOn().isAfter(command.achievedOn())) {
            throw Refusal.rule(
                            "qualification-expires-before-achieved",
                            "A qualification achieved on " + command.achievedOn()
                                    + " cannot expire on or before that day.")
                    .exception();
        }
        apply(recorded);
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(OpenActionPlan command, Caller caller) {
        requireCouncil(caller);
        ActionPlanOpened earlier = actionPlans.get(command.planId());
        if (earlier != null) {
            if (earlier.reason().equals(command.reason()) && earlier.dueBy().equals(command.dueBy())) {
                return CommandOutcome.ALREADY_RECORDED;
            }
            throw Refusal.conflict(
                            "action-plan-id-reused",
                            "Action plan " + command.planId() + " is already open with other details.")
                    .exception();
        }
        // Seed 001: a provider that requires improvement has an action plan. A plan against a Good provider, or an
        // Inadequate one (suspended, a different process), is not this one.
        if (cqc.overall() != CqcRating.REQUIRES_IMPROVEMENT && cqc.wellLed() != CqcRating.REQUIRES_IMPROVEMENT) {
            throw Refusal.rule(
                            "provider-not-requires-improvement",
                            "An action plan is opened for a provider rated Requires Improvement (overall or"
                                    + " well-led); provider " + providerId + " is rated " + cqc.overall() + " overall"
                                    + " and " + cqc.wellLed() + " for well-led.")
                    .with("overall", cqc.overall())
                    .with("wellLed", cqc.wellLed())
                    .exception();
        }
        if (!command.dueBy().isAfter(command.openedOn())) {
            throw Refusal.rule(
                            "action-plan-due-date-not-ahead",
                            "An action plan is due after the day it opens (" + command.openedOn() + ").")
                    .exception();
        }
        apply(new ActionPlanOpened(
                providerId, command.planId(), command.reason(), command.dueBy(), command.openedOn(), cqc.overall()));
        return CommandOutcome.RECORDED;
    }

    @CommandHandler
    CommandOutcome handle(CompleteActionPlan command, Caller caller) {
        requireCouncil(caller);
        ActionPlanOpened plan = actionPlans.get(command.planId());
        if (plan == null) {
            throw Refusal.notFound("unknown-action-plan", "No action plan " + command.planId() + ".")
                    .exception();
        }
        if (completedPlans.containsKey(command.planId())) {
            return CommandOutcome.ALREADY_RECORDED;
        }
        apply(new ActionPlanCompleted(
                providerId,
                command.planId(),
                command.completedOn(),
                command.completedOn().isAfter(plan.dueBy())));
        return CommandOutcome.RECORDED;
    }

    private String requireWorker(String workerId) {
        if (!workers.containsKey(workerId)) {
            throw Refusal.notFound("unknown-worker", "No worker " + workerId + ".")
                    .exception();
        }
        return workerId;
    }

    private void requireNotLeftBy(String workerId, LocalDate date) {
        WorkerLeft left = leavers.get(workerId);
        if (left != null && !date.isBefore(left.leftOn())) {
            throw Refusal.rule("worker-left", "Worker " + workerId + " left on " + left.leftOn() + ".")
                    .with("leftOn", left.leftOn().toString())
                    .exception();
        }
    }

    private void requireCouncil(Caller caller) {
        requireVisibleTo(caller);
        if (caller.role() != Role.COUNCIL) {
            throw Refusal.rule("council-only", "Only the council opens and closes action plans.")
                    .exception();
        }
    }

    void requireVisibleTo(Caller caller) {
        if (!caller.mayActFor(providerId)) {
            throw Refusal.notFound("unknown-provider", "No provider " + providerId + ".")
                    .exception();
        }
    }

    @EventSourcingHandler
    void on(BillingRuleSet event) {
        billingRules.put(event.effectiveFrom(), event);
    }

    @EventSourcingHandler
    void on(ProviderAdmitted event) {
        streamId = StreamIds.provider(event.providerId());
        providerId = event.providerId();
        name = event.name();
        zones = List.copyOf(event.zones());
        admittedWith = event.cqc();
        cqc = event.cqc();
        status = ListStatus.ADMITTED;
    }

    @EventSourcingHandler
    void on(CqcRatingsRecorded event) {
        cqc = event.cqc();
    }

    @EventSourcingHandler
    void on(ProviderSuspended event) {
        status = ListStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(ProviderReinstated event) {
        status = ListStatus.ADMITTED;
    }

    @EventSourcingHandler
    void on(WorkerRegistered event) {
        workers.put(event.workerId(), event);
    }

    @EventSourcingHandler
    void on(WorkerPayChanged event) {
        payChanges
                .computeIfAbsent(event.workerId(), w -> new HashMap<>())
                .put(event.effectiveFrom(), event.hourlyPayPence());
    }

    @EventSourcingHandler
    void on(WorkerLeft event) {
        leavers.put(event.workerId(), event);
    }

    @EventSourcingHandler
    void on(QualificationRecorded event) {
        qualifications.put(event.qualificationId(), event);
    }

    @EventSourcingHandler
    void on(ActionPlanOpened event) {
        actionPlans.put(event.planId(), event);
    }

    @EventSourcingHandler
    void on(ActionPlanCompleted event) {
        completedPlans.put(event.planId(), event);
    }
}
