package org.carebank.query.live;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.carebank.query.batch.EndOfBatch;

/**
 * Tells {@link LiveUpdates} that a view changed, once per committed batch of its processor, after the commit: a page
 * that refetches then sees the new figures.
 */
abstract class ViewChangeNotifier {

    private final LiveUpdates live;
    private final String view;

    ViewChangeNotifier(LiveUpdates live, String view) {
        this.live = live;
        this.view = view;
    }

    void batchChanged() {
        if (!CurrentUnitOfWork.isStarted()) {
            live.changed(view);
            return;
        }
        EndOfBatch.afterCommit("live-notification-" + view, () -> live.changed(view));
    }
}
