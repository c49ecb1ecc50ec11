package org.carebank.query.unmetneed;

import java.time.Instant;
import java.util.List;
import org.carebank.kernel.carepackage.PackageAccepted;
import org.carebank.kernel.carepackage.PackageCommissioned;
import org.carebank.kernel.carepackage.PackageDeclined;
import org.carebank.kernel.carepackage.PackageHandedBack;
import org.carebank.kernel.carepackage.PackageOffered;
import org.carebank.query.unmetneed.PackageWaits.Response;
import org.carebank.query.unmetneed.PackageWaits.ResponseKind;
import org.carebank.query.unmetneed.PackageWaits.Wait;
import org.carebank.query.web.Sql;

/**
 * The unmet need view's rules, once: what each package event makes of the package's waits. A wait begins when the
 * package is commissioned (or handed back, recorded then) and ends when a provider accepts it.
 */
final class UnmetNeedFold {

    private UnmetNeedFold() {}

    /** The package a payload is about, or null when this view does not follow it. */
    static String packageIdOf(Object payload) {
        if (payload instanceof PackageCommissioned event) {
            return event.packageId();
        } else if (payload instanceof PackageOffered event) {
            return event.packageId();
        } else if (payload instanceof PackageAccepted event) {
            return event.packageId();
        } else if (payload instanceof PackageDeclined event) {
            return event.packageId();
        } else if (payload instanceof PackageHandedBack event) {
            return event.packageId();
        }
        return null;
    }

    /** What {@code event}, recorded {@code at}, makes of {@code view} (null before the commission); the same when nothing. */
    static PackageWaits apply(PackageWaits view, Object event, Instant at) {
        Instant stored = Sql.stored(at);
        if (event instanceof PackageCommissioned commission) {
            return view != null
                    ? view
                    : new PackageWaits(
                            commission.packageId(),
                            commission.clientRef(),
                            commission.zone(),
                            commission.weeklyMinutes(),
                            stored,
                            List.of(new Wait(1, stored, null, null, false, List.of())));
        }
        if (view == null) {
            return null;
        }
        Wait current = view.current();
        if (event instanceof PackageOffered offered && current.open()) {
            return view.withCurrent(
                    current.responded(new Response(offered.providerId(), ResponseKind.OFFERED, null, stored)));
        } else if (event instanceof PackageDeclined declined && current.open()) {
            return view.withCurrent(current.responded(new Response(
                    declined.providerId(),
                    ResponseKind.DECLINED,
                    declined.reason().name(),
                    stored)));
        } else if (event instanceof PackageAccepted accepted && current.open()) {
            return view.withCurrent(current.placed(stored, accepted.providerId()));
        } else if (event instanceof PackageHandedBack && !current.open()) {
            return view.withNewWait(new Wait(current.number() + 1, stored, null, null, true, List.of()));
        }
        return view;
    }
}
