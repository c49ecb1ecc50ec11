package org.carebank.kernel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Dates in the service's domain (a leaving date, a pay change, a rate's effective date) are days in England: an
 * instant belongs to the day it falls on in London, summer time included.
 */
public final class UkDates {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private UkDates() {}

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, LONDON);
    }

    /** A worker who left on {@code leftOn} works no visit planned on that day or later. */
    public static boolean onOrAfter(Instant instant, LocalDate day) {
        return !dayOf(instant).isBefore(day);
    }
}
