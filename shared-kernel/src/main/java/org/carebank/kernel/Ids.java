package org.carebank.kernel;

/** Ids are chosen by the caller (the rostering system's own ids): 1 to 64 characters of a safe alphabet. */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9._:-]{1,64}";

    private Ids() {}

    public static boolean isValid(String id) {
        return id != null && id.matches(PATTERN);
    }
}
