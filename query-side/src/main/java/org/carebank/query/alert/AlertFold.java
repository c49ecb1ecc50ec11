package org.carebank.query.alert;

import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.alert.AlertAcknowledged;
import org.carebank.kernel.alert.AlertEscalated;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertResolved;
import org.carebank.kernel.alert.AlertStatus;
import org.carebank.query.web.Sql;

/**
 * The alerts view's rules, once: what each alert event makes of its alert. The live projection applies them to the
 * rows a batch touches; an answer as of a past instant folds the visit's history with them.
 */
final class AlertFold {

    private AlertFold() {}

    /** The alert a payload is about, or null when it is not an alert event. */
    static String alertIdOf(Object payload) {
        if (payload instanceof AlertRaised event) {
            return event.alertId();
        } else if (payload instanceof AlertAcknowledged event) {
            return event.alertId();
        } else if (payload instanceof AlertResolved event) {
            return event.alertId();
        } else if (payload instanceof AlertEscalated event) {
            return event.alertId();
        }
        return null;
    }

    /** One alert as the events up to now leave it, or empty before it was raised. */
    static Optional<AlertView> fold(String alertId, List<? extends EventMessage<?>> events) {
        AlertView view = null;
        for (EventMessage<?> event : events) {
            if (alertId.equals(alertIdOf(event.getPayload()))) {
                view = apply(view, event.getPayload());
            }
        }
        return Optional.ofNullable(view);
    }

    /** What {@code event} makes of {@code view} (null before the alert was raised); the same view if nothing. */
    static AlertView apply(AlertView view, Object event) {
        if (event instanceof AlertRaised raised) {
            return view != null
                    ? view
                    : new AlertView(
                            raised.alertId(),
                            raised.kind(),
                            raised.visitId(),
                            raised.providerId(),
                            raised.clientRef(),
                            raised.timeCritical(),
                            Sql.stored(raised.plannedStart()),
                            Sql.stored(raised.raisedAt()),
                            AlertStatus.OPEN,
                            raised.escalationOf(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            false,
                            null);
        }
        if (view == null) {
            return null;
        }
        if (event instanceof AlertAcknowledged acknowledged && view.status() == AlertStatus.OPEN) {
            return view.acknowledged(Sql.stored(acknowledged.acknowledgedAt()), acknowledged.note());
        } else if (event instanceof AlertResolved resolved && view.status() != AlertStatus.RESOLVED) {
            return view.resolved(
                    Sql.stored(resolved.resolvedAt()), resolved.outcome(), resolved.note(), resolved.automatic());
        } else if (event instanceof AlertEscalated escalated) {
            return view.escalatedAs(escalated.escalationAlertId());
        }
        return view;
    }
}
