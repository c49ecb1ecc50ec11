package org.carebank.kernel.timebank;

/**
 * The time bank cap of the domain brief (rule 6), which both sides read: the command side refuses a credit past it,
 * the query side shows the headroom under it. They run as separate services and neither may depend on the other, so
 * each binds {@code carebank.time-bank.cap-minutes} itself, with this one default (ADR 0013).
 */
public final class TimeBankDefaults {

    /** 600 minutes; a String because it is the default of a setting, read as the setting's text would be. */
    public static final String CAP_MINUTES = "600";

    private TimeBankDefaults() {}
}
