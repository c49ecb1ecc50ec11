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
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.kernel.visit.BillingRule;
import org.carebank.kernel.visit.CancellationInitiator;
import org.carebank.kernel.visit.EcmMethod;
import org.carebank.kernel.visit.VisitCheckedIn;
import org.carebank.kernel.visit.VisitStatus;
import org.carebank.query.testing.CareEvents.Visit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The visit view's rules, event by event, without a database. */
class VisitFoldTest {

    private static final String NINE = "2026-11-24T09:00:00Z";

    private final Visit v = visit("v1").provider("sunrise").worker("ann").planned(NINE, 60);

    private static VisitView fold(Object... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof Object[] several) {
                for (Object one : several) {
                    messages.add(message(one));
                }
            } else {
                messages.add(message(event));
            }
        }
        return VisitFold.fold(messages).orElseThrow();
    }

    private static EventMessage<?> message(Object payload) {
        return new GenericEventMessage<>(UUID.randomUUID().toString(), payload, Map.of(), Instant.parse(NINE));
    }

    @Test
    @DisplayName("no view before the visit is scheduled; events of an unknown visit make none")
    void nothingBeforeScheduling() {
        var lost = visit("v0").planned(NINE, 30);
        assertThat(VisitFold.fold(List.of(message(lost.checkedIn(NINE))))).isEmpty();
        assertThat(VisitFold.apply(null, lost.checkedIn(NINE))).isNull();
    }

    @Test
    @DisplayName("scheduled: the plan, at the package's rate, nothing delivered or flagged yet")
    void scheduled() {
        var view = fold(v.scheduled());
        assertThat(view.status()).isEqualTo(VisitStatus.SCHEDULED);
        assertThat(view.workerId()).isEqualTo("ann");
        assertThat(view.plannedStart()).isEqualTo(Instant.parse(NINE));
        assertThat(view.plannedMinutes()).isEqualTo(60);
        assertThat(view.hourlyRatePence()).isEqualTo(2400);
        assertThat(view.late()).isFalse();
        assertThat(view.missedAlerted()).isFalse();
        assertThat(view.shortVisit()).isFalse();
        assertThat(view.checkedInAt()).isNull();
        assertThat(view.deliveredMinutes()).isNull();
        assertThat(view.billingRule()).isNull();
        assertThat(view.cancelledBy()).isNull();
    }

    @Test
    @DisplayName("a reschedule moves the plan and a reassignment the worker; a second scheduling changes nothing")
    void rescheduledAndReassigned() {
        var scheduled = v.scheduled();
        var view = fold(scheduled, v.rescheduled("2026-11-24T10:00:00Z", 45), v.reassignedTo("bob"), scheduled);
        assertThat(view.plannedStart()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(view.plannedMinutes()).isEqualTo(45);
        assertThat(view.workerId()).isEqualTo("bob");
        assertThat(view.status()).isEqualTo(VisitStatus.SCHEDULED);
    }

    @Test
    @DisplayName("a check-in exactly at the late threshold is on time, one second after it is late")
    void lateAtTheThreshold() {
        var onTime = fold(v.scheduled(), v.checkedIn("2026-11-24T09:30:00Z"));
        assertThat(onTime.status()).isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(onTime.checkedInAt()).isEqualTo(Instant.parse("2026-11-24T09:30:00Z"));
        assertThat(onTime.late()).isFalse();
        var other = visit("v2").planned(NINE, 60);
        assertThat(fold(other.scheduled(), other.checkedIn("2026-11-24T09:30:01Z"))
                        .late())
                .isTrue();
    }

    @Test
    @DisplayName("lateness is the command side's decision: a time-critical visit late at 16 minutes shows late")
    void lateAsRecorded() {
        Instant sixteen = Instant.parse("2026-11-24T09:16:00Z");
        var checkIn = new VisitCheckedIn("v1", "ann", sixteen, EcmMethod.APP_GPS, null, null, true, 16);
        assertThat(fold(v.scheduled(), checkIn).late()).isTrue();
        var notLate = new VisitCheckedIn("v1", "ann", sixteen, EcmMethod.APP_GPS, null, null, false, 16);
        assertThat(fold(v.scheduled(), notLate).late()).isFalse();
    }

    @Test
    @DisplayName("delivered: minutes, billing under the recorded rule and rate; 51 of 60 minutes is not short, 50 is")
    void delivered() {
        var full = fold(v.scheduled(), v.deliveredEcm("2026-11-24T09:00:00Z", "2026-11-24T09:51:00Z"));
        assertThat(full.status()).isEqualTo(VisitStatus.DELIVERED);
        assertThat(full.checkedOutAt()).isEqualTo(Instant.parse("2026-11-24T09:51:00Z"));
        assertThat(full.deliveredMinutes()).isEqualTo(51);
        assertThat(full.shortVisit()).isFalse();
        assertThat(full.billableMinutes()).isEqualTo(51);
        assertThat(full.billablePence()).isEqualTo(51 * 40L);
        assertThat(full.billingRule()).isEqualTo(BillingRule.ACTUAL);
        assertThat(full.unusedMinutes()).isZero();
        var other = visit("v2").planned(NINE, 60);
        var clipped = fold(other.scheduled(), other.deliveredEcm("2026-11-24T09:00:00Z", "2026-11-24T09:50:00Z"));
        assertThat(clipped.shortVisit()).isTrue();
    }

    @Test
    @DisplayName("ended early at the client's request: never short, the rest of the plan is unused time")
    void endedEarly() {
        var view = fold(v.scheduled(), v.deliveredEcmEndedEarly("2026-11-24T09:00:00Z", "2026-11-24T09:20:00Z"));
        assertThat(view.shortVisit()).isFalse();
        assertThat(view.unusedMinutes()).isEqualTo(40);
    }

    @Test
    @DisplayName("missed, then checked in late: delivered late, and the missed alert stays")
    void missedThenDeliveredLate() {
        var missed = fold(v.scheduled(), v.missed());
        assertThat(missed.status()).isEqualTo(VisitStatus.MISSED);
        assertThat(missed.missedAlerted()).isTrue();
        var view = fold(v.scheduled(), v.missed(), v.deliveredEcm("2026-11-24T11:30:00Z", "2026-11-24T12:30:00Z"));
        assertThat(view.status()).isEqualTo(VisitStatus.DELIVERED);
        assertThat(view.late()).isTrue();
        assertThat(view.missedAlerted()).isTrue();
    }

    @Test
    @DisplayName("cancelled after check-in: cancelled, with who, why and the notice, and the check-in kept")
    void cancelledAfterCheckIn() {
        var checkIn = v.checkedIn("2026-11-24T09:00:00Z");
        var view = fold(v.scheduled(), checkIn, v.cancelled(CancellationInitiator.CLIENT, "2026-11-24T09:10:00Z"));
        assertThat(view.status()).isEqualTo(VisitStatus.CANCELLED);
        assertThat(view.cancelledBy()).isEqualTo("CLIENT");
        assertThat(view.cancellationReason()).isEqualTo("reason");
        assertThat(view.cancelledAt()).isEqualTo(Instant.parse("2026-11-24T09:10:00Z"));
        assertThat(view.noticeMinutes()).isEqualTo(-10);
        assertThat(view.checkedInAt()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    }

    @Test
    @DisplayName("instants are kept as the table keeps them: microseconds, rounded half up")
    void instantsAsStored() {
        var checkIn = new VisitCheckedIn(
                "v1", "ann", Instant.parse("2026-11-24T09:00:00.000000500Z"), EcmMethod.APP_GPS, null, null, false, 0);
        assertThat(fold(v.scheduled(), checkIn).checkedInAt()).isEqualTo(Instant.parse("2026-11-24T09:00:00.000001Z"));
        var below = new VisitCheckedIn(
                "v1", "ann", Instant.parse("2026-11-24T09:00:00.000000499Z"), EcmMethod.APP_GPS, null, null, false, 0);
        assertThat(fold(v.scheduled(), below).checkedInAt()).isEqualTo(Instant.parse(NINE));
    }

    @Test
    @DisplayName("an event the view does not follow leaves it as it was")
    void otherEventsChangeNothing() {
        var view = fold(v.scheduled());
        assertThat(VisitFold.apply(view, new ProviderSuspended("sunrise", null, null, null)))
                .isSameAs(view);
        assertThat(VisitFold.visitIdOf(new ProviderSuspended("sunrise", null, null, null)))
                .isNull();
    }
}
