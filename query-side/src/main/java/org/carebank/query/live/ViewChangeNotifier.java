package org.carebank.query.live;

import java.util.Set;

/**
 * Tells the live streams ({@link LiveFeed}) that a view changed, once per committed batch of its processor, after the
 * commit (a page that refetches then sees the new figures), with the providers whose data the batch touched, so that
 * each provider hears only of its own.
 */
abstract class ViewChangeNotifier {

    private final LiveFeed feed;
    private final String view;

    ViewChangeNotifier(LiveFeed feed, String view) {
        this.feed = feed;
        this.view = view;
    }

    /** An event of the batch concerns these providers' data (none: only the council's and auditors' concern). */
    void batchChanged(Set<String> providers) {
        feed.changed(view, providers);
    }
}
