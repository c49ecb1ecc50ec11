package org.carebank.kernel.visit;

/**
 * Where a fact came from, in the events' metadata under {@link #KEY}: absent for facts recorded live, {@link #IMPORT}
 * for facts a council brought across from its previous system.
 */
public final class RecordSource {

    public static final String KEY = "source";
    public static final String IMPORT = "IMPORT";

    private RecordSource() {}
}
