package org.carebank.command.provider;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import org.carebank.kernel.payment.BillingRuleSet;
import org.carebank.kernel.payment.SetBillingRule;
import org.carebank.kernel.provider.AdmitProvider;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.provider.RecordCqcRatings;
import org.carebank.kernel.provider.RegisterWorker;
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
            throw Refusal.conflict(
                            "worker-id-reused",
                            "Worker " + command.workerId() + " is already registered with other details.")
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
}
