package org.carebank.query.unmetneed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One package's waits for care: the first from its commission, and one more after each hand-back. A wait ends when a
 * provider accepts the package; the offers and declines made during it stay with it.
 */
record PackageWaits(
        String packageId, String clientRef, String zone, int weeklyMinutes, Instant commissionedAt, List<Wait> waits) {

    PackageWaits {
        waits = List.copyOf(waits);
    }

    enum ResponseKind {
        OFFERED,
        DECLINED
    }

    /** An offer made to a provider, or its decline (with the reason). */
    record Response(String providerId, ResponseKind kind, String reason, Instant at) {}

    record Wait(
            int number,
            Instant since,
            Instant placedAt,
            String placedWith,
            boolean afterHandBack,
            List<Response> responses) {

        Wait {
            responses = List.copyOf(responses);
        }

        boolean open() {
            return placedAt == null;
        }

        /** Waiting at {@code at}: begun by then and not placed by then. */
        boolean waitingAt(Instant at) {
            return !since.isAfter(at) && (placedAt == null || placedAt.isAfter(at));
        }

        Wait responded(Response response) {
            var more = new ArrayList<>(responses);
            more.add(response);
            return new Wait(number, since, placedAt, placedWith, afterHandBack, more);
        }

        Wait placed(Instant at, String providerId) {
            return new Wait(number, since, at, providerId, afterHandBack, responses);
        }
    }

    Wait current() {
        return waits.get(waits.size() - 1);
    }

    PackageWaits withCurrent(Wait wait) {
        var changed = new ArrayList<>(waits);
        changed.set(changed.size() - 1, wait);
        return new PackageWaits(packageId, clientRef, zone, weeklyMinutes, commissionedAt, changed);
    }

    PackageWaits withNewWait(Wait wait) {
        var more = new ArrayList<>(waits);
        more.add(wait);
        return new PackageWaits(packageId, clientRef, zone, weeklyMinutes, commissionedAt, more);
    }
}
