package org.carebank.query.live;

import java.util.Set;

/**
 * How news of a changed view reaches the open live streams: of this instance only ({@link LocalLiveFeed}, the
 * embedded H2 store's single process), or of every query instance on the database ({@link PostgresLiveFeed}). A
 * projection's segments may be processed by another instance than the one a dashboard is connected to.
 */
interface LiveFeed {

    /**
     * The view changed in the batch being handled, concerning these providers' data; the streams hear of it once the
     * batch has committed, and never if it fails.
     */
    void changed(String view, Set<String> providers);
}
