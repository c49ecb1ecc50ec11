package org.carebank.query.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.carebank.kernel.alert.AlertEscalated;
import org.carebank.kernel.alert.AlertRaised;
import org.carebank.kernel.alert.AlertResolved;
import org.carebank.kernel.payment.StatementIssued;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitMissed;

/**
 * The events subscribers can receive, as the contract names them: one mapping entry per event type. A new type is one
 * entry here and one name in {@link #TYPES}. The data sent is the event's own payload (council references, no names).
 */
final class WebhookEvents {

    /** Every type a subscription may ask for. */
    static final Set<String> TYPES = Set.of(
            "alert.raised",
            "alert.escalated",
            "alert.resolved",
            "visit.missed",
            "amendment.requested",
            "statement.issued");

    private static final Map<Class<?>, Function<Object, Notification>> MAPPINGS = new LinkedHashMap<>();

    static {
        map(AlertRaised.class, e -> new Notification("alert.raised", e.providerId(), e.visitId(), e));
        map(AlertEscalated.class, e -> new Notification("alert.escalated", e.providerId(), e.visitId(), e));
        map(AlertResolved.class, e -> new Notification("alert.resolved", e.providerId(), e.visitId(), e));
        map(VisitMissed.class, e -> new Notification("visit.missed", e.providerId(), e.visitId(), e));
        map(
                VisitAmendmentRequested.class,
                e -> new Notification("amendment.requested", e.providerId(), e.visitId(), e));
        // A statement is told by its totals (its lines are for GET /providers/{id}/statements/{statementId}), in
        // order per provider.
        map(
                StatementIssued.class,
                e -> new Notification(
                        "statement.issued", e.providerId(), "statements:" + e.providerId(), StatementSummary.of(e)));
    }

    /** What a statement.issued delivery carries: the statement's totals, not its lines. */
    record StatementSummary(
            String statementId,
            String providerId,
            java.time.LocalDate periodFrom,
            java.time.LocalDate periodTo,
            java.time.Instant issuedAt,
            int visits,
            long payableMinutes,
            long payablePence) {

        static StatementSummary of(StatementIssued issued) {
            return new StatementSummary(
                    issued.statementId(),
                    issued.providerId(),
                    issued.periodFrom(),
                    issued.periodTo(),
                    issued.issuedAt(),
                    issued.visits(),
                    issued.payableMinutes(),
                    issued.payablePence());
        }
    }

    private WebhookEvents() {}

    private static <E> void map(Class<E> type, Function<E, Notification> mapping) {
        MAPPINGS.put(type, payload -> mapping.apply(type.cast(payload)));
    }

    /** What subscribers are told of this payload, or empty when it is no webhook event. */
    static Optional<Notification> of(Object payload) {
        var mapping = MAPPINGS.get(payload.getClass());
        return mapping == null ? Optional.empty() : Optional.of(mapping.apply(payload));
    }
}
