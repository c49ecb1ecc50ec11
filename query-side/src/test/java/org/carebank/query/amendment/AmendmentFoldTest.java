package org.carebank.query.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carebank.query.testing.CareEvents.visit;

import java.time.Instant;
import org.carebank.kernel.visit.AmendmentStatus;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.testing.CareEvents.Visit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The amendment queue's rows, event by event, without a database. */
class AmendmentFoldTest {

    private static final String NINE = "2026-11-24T09:00:00Z";
    private static final String TEN = "2026-11-24T10:00:00Z";

    private final Visit v = visit("v1").provider("sunrise").worker("ann").planned(NINE, 60);

    @Test
    @DisplayName("requested: pending, with what the visit recorded before and what is asked for")
    void requested() {
        v.checkedIn(NINE);
        var row = AmendmentFold.apply(
                null, v.amendmentRequested("A-1", VisitStatus.IN_PROGRESS, NINE, TEN, "coordinator", TEN));
        assertThat(row.status()).isEqualTo(AmendmentStatus.PENDING);
        assertThat(row.key()).isEqualTo("v1/A-1");
        assertThat(row.before().status()).isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(row.before().checkedInAt()).isEqualTo(Instant.parse(NINE));
        assertThat(row.before().checkedOutAt()).isNull();
        assertThat(row.after().status()).isEqualTo(VisitStatus.DELIVERED);
        assertThat(row.after().deliveredMinutes()).isEqualTo(60);
        assertThat(row.requestedBy()).isEqualTo("coordinator");
        assertThat(row.decidedBy()).isNull();
    }

    @Test
    @DisplayName("approved and rejected close the row with who decided and when; before and after stay")
    void decided() {
        var requested = AmendmentFold.apply(
                null, v.amendmentRequested("A-1", VisitStatus.IN_PROGRESS, NINE, TEN, "coordinator", TEN));
        var approved = AmendmentFold.apply(requested, v.amendmentApproved("A-1", NINE, TEN, "2026-11-25T09:00:00Z"));
        assertThat(approved.status()).isEqualTo(AmendmentStatus.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("council-2");
        assertThat(approved.decidedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(approved.after()).isEqualTo(requested.after());
        var rejected = AmendmentFold.apply(requested, v.amendmentRejected("A-1", "2026-11-25T09:00:00Z"));
        assertThat(rejected.status()).isEqualTo(AmendmentStatus.REJECTED);
        assertThat(rejected.decisionNote()).isEqualTo("no evidence");
    }

    @Test
    @DisplayName("a decision for an amendment never requested makes no row; other events are not this view's")
    void nothingWithoutARequest() {
        assertThat(AmendmentFold.apply(null, v.amendmentRejected("A-9", TEN))).isNull();
        assertThat(AmendmentFold.keyOf(v.scheduled())).isNull();
    }
}
