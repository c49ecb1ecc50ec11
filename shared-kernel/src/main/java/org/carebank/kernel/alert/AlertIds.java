package org.carebank.kernel.alert;

import java.util.Optional;
import org.carebank.kernel.Ids;

/**
 * An alert belongs to one visit (ADR 0017), and its id names it: {@code <visitId>:<n>}, the visit's n-th alert. The
 * number after the last colon is the visit's own count, so a visit id that contains colons still reads back whole.
 */
public final class AlertIds {

    private AlertIds() {}

    public static String of(String visitId, int number) {
        return visitId + ":" + number;
    }

    /** The visit an alert id names, or empty for an id this service never gave out. */
    public static Optional<String> visitIdOf(String alertId) {
        if (alertId == null) {
            return Optional.empty();
        }
        int colon = alertId.lastIndexOf(':');
        if (colon <= 0 || colon == alertId.length() - 1) {
            return Optional.empty();
        }
        String number = alertId.substring(colon + 1);
        String visitId = alertId.substring(0, colon);
        if (!number.chars().allMatch(Character::isDigit) || number.length() > 6 || !Ids.isValid(visitId)) {
            return Optional.empty();
        }
        return Optional.of(visitId);
    }
}
