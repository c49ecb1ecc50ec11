package org.carebank.query.live;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.carebank.query.batch.EndOfBatch;

/** The streams of this instance hear of the batches this instance commits, after the commit. */
final class LocalLiveFeed implements LiveFeed {

    private final LiveUpdates live;

    LocalLiveFeed(LiveUpdates live) {
        this.live = live;
    }

    @Override
    public void changed(String view, Set<String> providers) {
        if (!CurrentUnitOfWork.isStarted()) {
            live.changed(view, Set.copyOf(providers));
            return;
        }
        EndOfBatch.<Set<String>>collectUntilCommitted(
                        "live-notification-" + view, HashSet::new, touched -> live.changed(view, touched))
                .addAll(providers);
    }
}
