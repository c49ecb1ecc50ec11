package org.carebank.query.batch;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Work a projection leaves until the end of the batch of events it is handling. Axon hands a pooled processor's events
 * over in batches (carebank.projections.batch-size), all in one unit of work and one transaction; what is collected here
 * is finished once, just before that transaction commits, and thrown away with it if the batch fails.
 */
public final class EndOfBatch {

    private EndOfBatch() {}

    /**
     * The batch's collection under {@code key}: made by {@code create} on first use, handed to {@code finish} once at
     * the end of the batch. Handlers must run in a unit of work, as Axon's processors run them.
     */
    public static <T> T collect(String key, Supplier<T> create, Consumer<T> finish) {
        var unitOfWork = batch();
        return unitOfWork.getOrComputeResource(key, ignored -> {
            T collection = create.get();
            unitOfWork.onPrepareCommit(committing -> finish.accept(collection));
            return collection;
        });
    }

    /** Runs {@code action} once after the batch has committed, however many of its events ask for it. */
    public static void afterCommit(String key, Runnable action) {
        var unitOfWork = batch();
        unitOfWork.getOrComputeResource(key, ignored -> {
            unitOfWork.afterCommit(committed -> action.run());
            return Boolean.TRUE;
        });
    }

    /**
     * The batch's collection under {@code key}: made by {@code create} on first use, handed to {@code afterCommit}
     * once the batch has committed (and never if it failed), for news of it that must not run ahead of the data.
     */
    public static <T> T collectUntilCommitted(String key, Supplier<T> create, Consumer<T> afterCommit) {
        var unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, ignored -> {
            T collection = create.get();
            unitOfWork.afterCommit(committed -> afterCommit.accept(collection));
            return collection;
        });
    }

    /** The batch's collection under {@code key}, or null if nothing was collected yet. */
    public static <T> T collected(String key) {
        return batch().getResource(key);
    }

    /**
     * The unit of work of the batch: the root one, except for a dead letter being retried, which Axon handles in a unit
     * of work of its own inside the retry's: its writes must be finished (and fail) with it, so that Axon keeps the
     * letter when they fail (ADR 0010).
     */
    static UnitOfWork<?> batch() {
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        return current.resources().containsKey(DeadLetter.class.getName()) ? current : current.root();
    }
}
