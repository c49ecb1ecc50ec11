package org.carebank.command.visit;

import java.time.Instant;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertOutcome;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertStatus;

/** One alert of a visit as the visit holds it to decide the next command (ADR 0017): state only, no rule. */
record VisitAlert(
        String alertId,
        AlertKind kind,
        boolean timeCritical,
        Instant plannedStart,
        Instant raisedAt,
        String escalationOf,
        AlertStatus status,
        String acknowledgementNote,
        AlertOutcome outcome,
        String resolutionNote,
        String escalatedAs) {

    static VisitAlert raised(AlertRaised event) {
        return new VisitAlert(
                event.alertId(),
                event.kind(),
                event.timeCritical(),
                event.plannedStart(),
                event.raisedAt(),
                event.escalationOf(),
                AlertStatus.OPEN,
                null,
                null,
                null,
                null);
    }

    boolean resolved() {
        return status == AlertStatus.RESOLVED;
    }

    VisitAlert acknowledged(String note) {
        return new VisitAlert(
                alertId,
                kind,
                timeCritical,
                plannedStart,
                raisedAt,
                escalationOf,
                AlertStatus.ACKNOWLEDGED,
                note,
                outcome,
                resolutionNote,
                escalatedAs);
    }

    VisitAlert resolved(AlertOutcome outcome, String note) {
        return new VisitAlert(
                alertId,
                kind,
                timeCritical,
                plannedStart,
                raisedAt,
                escalationOf,
                AlertStatus.RESOLVED,
                acknowledgementNote,
                outcome,
                note,
                escalatedAs);
    }

    VisitAlert escalatedAs(String escalationAlertId) {
        return new VisitAlert(
                alertId,
                kind,
                timeCritical,
                plannedStart,
                raisedAt,
                escalationOf,
                status,
                acknowledgementNote,
                outcome,
                resolutionNote,
                escalationAlertId);
    }

    /** Open, unacknowledged, time-critical, not itself an escalation and not escalated yet, raised by {@code cutoff}. */
    boolean escalatesAt(Instant plannedStart, Instant cutoff) {
        return status == AlertStatus.OPEN
                && timeCritical
                && kind != AlertKind.ESCALATED
                && escalatedAs == null
                && this.plannedStart.equals(plannedStart)
                && !raisedAt.isAfter(cutoff);
    }
}
