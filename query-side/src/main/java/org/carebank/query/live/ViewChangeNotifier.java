package org.carebank.query.live;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.carebank.query.batch.EndOfBatch;

/**
 * Tells {@link LiveUpdates} that a view changed, once per committed batch of its processor, after the commit (a page
 * that refetches then sees the new figures), with the providers whose data the batch touched, so that each provider
 * hears only of its own.
 */
abstract class ViewChangeNotifier {

    private final LiveUpdates live;
    private final String view;

    ViewChangeNotifier(LiveUpdates live, String view) {
        this.live = live;
        this.view = view;
    }

    /** An event of the batch concerns these providers' data (none: only the council's and auditors' concern). */
    void batchChanged(Set<String> providers) {
        if (!CurrentUnitOfWork.isStarted()) {
            live.changed(view, Set.copyOf(providers));
            return;
        }
        EndOfBatch.<Set<String>>collectUntilCommitted(
                        "live-notification-" + view, HashSet::new, touched -> live.changed(view, touched))
                .addAll(providers);
    }
}
