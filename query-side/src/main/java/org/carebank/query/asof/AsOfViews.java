package org.carebank.query.asof;

import java.util.OptionalLong;

/**
 * The views as they stood at an instant: the same reader classes as the live endpoints use ({@code
 * PerformanceQueries}, {@code PayQueries}, ...), built on a scratch copy of the tables into which the same projection
 * classes replayed the events up to that instant.
 */
public interface AsOfViews {

    /** The reader of this type, reading the scratch tables (and only them). */
    <T> T get(Class<T> type);

    /** The global position of the last event replayed, empty when none was recorded by then. */
    OptionalLong position();
}
