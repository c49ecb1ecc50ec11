package org.carebank.query.amendment;

import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.carebank.kernel.visit.VisitAmendmentRejected;
import org.carebank.kernel.visit.VisitAmendmentRequested;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.kernel.visit.VisitTimes;
import org.carebank.query.web.Sql;

/** The amendment queue's rules, once: what each amendment event makes of its row (pure, for live and replay). */
final class AmendmentFold {

    private AmendmentFold() {}

    static String key(String visitId, String amendmentId) {
        return visitId + "/" + amendmentId; // ids never hold a slash
    }

    /** The row an event is about, or null for an event this view does not follow. */
    static String keyOf(Object payload) {
        if (payload instanceof VisitAmendmentRequested event) {
            return key(event.visitId(), event.amendmentId());
        } else if (payload instanceof VisitAmendmentApproved event) {
            return key(event.visitId(), event.amendmentId());
        } else if (payload instanceof VisitAmendmentRejected event) {
            return key(event.visitId(), event.amendmentId());
        }
        return null;
    }

    /** What {@code event} makes of {@code view} (null before the amendment was requested). */
    static AmendmentView apply(AmendmentView view, Object event) {
        if (event instanceof VisitAmendmentRequested requested) {
            return view != null ? view : requested(requested);
        }
        if (view == null) {
            return null;
        }
        if (event instanceof VisitAmendmentApproved approved) {
            return decided(
                    view,
                    AmendmentStatus.APPROVED,
                    approved.decidedBy(),
                    approved.decidedAt(),
                    approved.note(),
                    approved.automatic());
        }
        if (event instanceof VisitAmendmentRejected rejected) {
            return decided(
                    view,
                    AmendmentStatus.REJECTED,
                    rejected.decidedBy(),
                    rejected.decidedAt(),
                    rejected.reason(),
                    false);
        }
        return view;
    }

    private static AmendmentView requested(VisitAmendmentRequested event) {
        return new AmendmentView(
                event.amendmentId(),
                event.visitId(),
                event.providerId(),
                event.clientRef(),
                event.workerId(),
                Sql.stored(event.plannedStart()),
                AmendmentStatus.PENDING,
                event.reasonCode(),
                event.note(),
                side(event.statusBefore(), event.before()),
                side(event.after().notDelivered() ? VisitStatus.MISSED : VisitStatus.DELIVERED, event.after()),
                event.requestedBy(),
                Sql.stored(event.requestedAt()),
                null,
                null,
                null,
                false);
    }

    private static AmendmentView.Side side(VisitStatus status, VisitTimes times) {
        return new AmendmentView.Side(
                status,
                Sql.stored(times.startedAt()),
                Sql.stored(times.endedAt()),
                times.deliveredMinutes(),
                times.endedEarlyAtClientRequest(),
                times.notDelivered());
    }

    private static AmendmentView decided(
            AmendmentView view,
            AmendmentStatus status,
            String by,
            java.time.Instant at,
            String note,
            boolean automatic) {
        return new AmendmentView(
                view.amendmentId(),
                view.visitId(),
                view.providerId(),
                view.clientRef(),
                view.workerId(),
                view.plannedStart(),
                status,
                view.reasonCode(),
                view.note(),
                view.before(),
                view.after(),
                view.requestedBy(),
                view.requestedAt(),
                by,
                Sql.stored(at),
                note,
                automatic);
    }
}
