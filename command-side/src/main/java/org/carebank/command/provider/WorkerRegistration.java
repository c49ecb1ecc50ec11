package org.carebank.command.provider;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.carebank.command.lookup.CommandLookups;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.provider.RegisterWorker;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.springframework.stereotype.Component;

/**
 * Worker ids come from the providers' rostering systems and must be unique across providers (visits and travel are
 * looked up by worker): a set-based rule, so it is checked here against the command-side lookup before the provider
 * aggregate records the worker.
 */
@Component
class WorkerRegistration {

    private final Repository<Provider> providers;
    private final CommandLookups lookups;

    WorkerRegistration(Repository<Provider> providers, CommandLookups lookups) {
        this.providers = providers;
        this.lookups = lookups;
    }

    @CommandHandler
    CommandOutcome handle(RegisterWorker command, Caller caller) {
        var provider = providers.load(command.streamId());
        provider.execute(p -> p.requireVisibleTo(caller));
        lookups.workerProvider(command.workerId())
                .filter(employer -> !employer.equals(command.providerId()))
                .ifPresent(employer -> {
                    throw Refusal.conflict(
                                    "worker-id-taken",
                                    "Worker id " + command.workerId() + " is registered with another provider.")
                            .exception();
                });
        return provider.invoke(p -> p.registerWorker(command, caller));
    }
}
