package org.carebank.query.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.visit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.carebank.kernel.payment.Verification;
import org.carebank.kernel.visit.AmendmentReason;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.testing.CareEvents.Visit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The visit view under visit maintenance: a check-out never sent, then amended and approved or rejected. */
class VisitAmendmentFoldTest {

    private static final String NINE = "2026-11-24T09:00:00Z";
    private static final String TEN = "2026-11-24T10:00:00Z";
    private static final String NEXT_DAY = "2026-11-25T08:00:00Z";

    private final Visit v = visit("v1").provider("sunrise").worker("ann").planned(NINE, 60);

    private static VisitView fold(Object... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            messages.add(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), Instant.parse(NINE)));
        }
        return VisitFold.fold(messages).orElseThrow();
    }

    @Test
    @DisplayName("requested: the figures stay as recorded, the amendment shows as pending, verification unchanged")
    void pendingChangesNoFigure() {
        var checkedIn = v.checkedIn(NINE);
        var view = fold(
                v.scheduled(),
                checkedIn,
                v.amendmentRequested("A-1", VisitStatus.IN_PROGRESS, NINE, TEN, "sunrise-coordinator", NEXT_DAY));
        assertThat(view.status()).isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(view.deliveredMinutes()).isNull();
        assertThat(view.original()).isNull();
        assertThat(view.verification())
                .as("no delivery recorded yet: nothing verified")
                .isNull();
        assertThat(view.amendment().status()).isEqualTo(AmendmentStatus.PENDING);
        assertThat(view.amendment().reasonCode()).isEqualTo(AmendmentReason.WORKER_DID_NOT_CHECK_OUT);
        assertThat(view.amendment().decidedAt()).isNull();
    }

    @Test
    @DisplayName("approved: delivered, billed and checked out as amended; the ECM times kept as original; AMENDED")
    void approvedMovesEveryFigure() {
        var view = fold(
                v.scheduled(),
                v.checkedIn(NINE),
                v.amendmentRequested("A-1", VisitStatus.IN_PROGRESS, NINE, TEN, "sunrise-coordinator", NEXT_DAY),
                v.amendmentApproved("A-1", NINE, TEN, "2026-11-25T09:00:00Z"));
        assertThat(view.status()).isEqualTo(VisitStatus.DELIVERED);
        assertThat(view.checkedInAt()).isEqualTo(Instant.parse(NINE));
        assertThat(view.checkedOutAt()).isEqualTo(Instant.parse(TEN));
        assertThat(view.deliveredMinutes()).isEqualTo(60);
        assertThat(view.billableMinutes()).isEqualTo(60);
        assertThat(view.billablePence()).isEqualTo(2400L);
        assertThat(view.shortVisit()).isFalse();
        assertThat(view.original()).isEqualTo(new VisitView.OriginalTimes(Instant.parse(NINE), null));
        assertThat(view.verification()).isEqualTo(Verification.AMENDED);
        assertThat(view.amendment().status()).isEqualTo(AmendmentStatus.APPROVED);
        assertThat(view.amendment().decidedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
    }

    @Test
    @DisplayName("a second approved amendment keeps the first original: the device's times are never hidden")
    void originalIsTheFirst() {
        var delivered = v.deliveredEcm(NINE, "2026-11-24T09:20:00Z");
        var view = fold(
                v.scheduled(),
                delivered[0],
                delivered[1],
                delivered[2],
                v.amendmentRequested("A-1", VisitStatus.DELIVERED, NINE, TEN, "c", NEXT_DAY),
                v.amendmentApproved("A-1", NINE, TEN, NEXT_DAY),
                v.amendmentRequested("A-2", VisitStatus.DELIVERED, NINE, "2026-11-24T09:50:00Z", "c", NEXT_DAY),
                v.amendmentApproved("A-2", NINE, "2026-11-24T09:50:00Z", NEXT_DAY));
        assertThat(view.original().checkedOutAt()).isEqualTo(Instant.parse("2026-11-24T09:20:00Z"));
        assertThat(view.deliveredMinutes()).isEqualTo(50);
        assertThat(view.amendment().amendmentId()).isEqualTo("A-2");
    }

    @Test
    @DisplayName("rejected: nothing moves, the amendment shows as rejected, verification unchanged")
    void rejectedMovesNothing() {
        var delivered = v.deliveredEcm(NINE, "2026-11-24T09:20:00Z");
        var before = fold(v.scheduled(), delivered[0], delivered[1], delivered[2]);
        var after = fold(
                v.scheduled(),
                delivered[0],
                delivered[1],
                delivered[2],
                v.amendmentRequested("A-1", VisitStatus.DELIVERED, NINE, TEN, "c", NEXT_DAY),
                v.amendmentRejected("A-1", NEXT_DAY));
        assertThat(after.deliveredMinutes()).isEqualTo(before.deliveredMinutes());
        assertThat(after.billablePence()).isEqualTo(before.billablePence());
        assertThat(after.checkedOutAt()).isEqualTo(before.checkedOutAt());
        assertThat(after.original()).isNull();
        assertThat(after.verification()).isEqualTo(Verification.VERIFIED);
        assertThat(after.amendment().status()).isEqualTo(AmendmentStatus.REJECTED);
    }
}
