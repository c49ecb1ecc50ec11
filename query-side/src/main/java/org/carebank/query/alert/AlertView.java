package org.carebank.query.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertOutcome;
import org.carebank.kernel.alert.AlertStatus;

/**
 * One alert as the query side answers it ({@code GET /api/v1/alerts}). {@code respondedAt} is when a person first
 * acknowledged or resolved it (an automatic resolution is no response): the time to acknowledge is measured to it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AlertView(
        String alertId,
        AlertKind kind,
        String visitId,
        String providerId,
        String clientRef,
        boolean timeCritical,
        Instant plannedStart,
        Instant raisedAt,
        AlertStatus status,
        String escalationOf,
        String escalatedAs,
        Instant acknowledgedAt,
        String acknowledgementNote,
        Instant resolvedAt,
        AlertOutcome outcome,
        String resolutionNote,
        boolean resolvedAutomatically,
        @JsonIgnore Instant respondedAt) {

    AlertView acknowledged(Instant at, String note) {
        return new AlertView(
                alertId,
                kind,
                visitId,
                providerId,
                clientRef,
                timeCritical,
                plannedStart,
                raisedAt,
                AlertStatus.ACKNOWLEDGED,
                escalationOf,
                escalatedAs,
                at,
                note,
                resolvedAt,
                outcome,
                resolutionNote,
                resolvedAutomatically,
                respondedAt == null ? at : respondedAt);
    }

    AlertView resolved(Instant at, AlertOutcome outcome, String note, boolean automatic) {
        return new AlertView(
                alertId,
                kind,
                visitId,
                providerId,
                clientRef,
                timeCritical,
                plannedStart,
                raisedAt,
                AlertStatus.RESOLVED,
                escalationOf,
                escalatedAs,
                acknowledgedAt,
                acknowledgementNote,
                at,
                outcome,
                note,
                automatic,
                respondedAt == null && !automatic ? at : respondedAt);
    }

    AlertView escalatedAs(String escalationAlertId) {
        return new AlertView(
                alertId,
                kind,
                visitId,
                providerId,
                clientRef,
                timeCritical,
                plannedStart,
                raisedAt,
                status,
                escalationOf,
                escalationAlertId,
                acknowledgedAt,
                acknowledgementNote,
                resolvedAt,
                outcome,
                resolutionNote,
                resolvedAutomatically,
                respondedAt);
    }
}
