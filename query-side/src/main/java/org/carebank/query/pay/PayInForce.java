package org.carebank.query.pay;

import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A worker's hourly pay over time: the pay at registration, then each change from its effective date. Pay compliance
 * pays each day's minutes at the pay in force that day, so a rise in the middle of a month counts from its date and a
 * National Living Wage rise is met by the pay change that follows it, not by re-registering the worker.
 */
final class PayInForce {

    private final int registeredPence;
    private final NavigableMap<LocalDate, Integer> changes;

    PayInForce(int registeredPence, Map<LocalDate, Integer> changes) {
        this.registeredPence = registeredPence;
        this.changes = new TreeMap<>(changes);
    }

    int on(LocalDate day) {
        var change = changes.floorEntry(day);
        return change == null ? registeredPence : change.getValue();
    }
}
