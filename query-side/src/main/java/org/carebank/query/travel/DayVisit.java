package org.carebank.query.travel;

import java.time.Instant;
import org.carebank.kernel.visit.Location;
import org.carebank.kernel.visit.VisitStatus;

/**
 * One visit as a worker-day sees it. {@code startedAt}/{@code endedAt} are the check-in and check-out (or the
 * recorded start and end of a delivery without ECM). The roster fields are as the visit was first rostered.
 */
record DayVisit(
        String visitId,
        String providerId,
        String zone,
        String workerId,
        String rosteredWorkerId,
        Integer rosteredTravelMinutes,
        Instant plannedStart,
        int plannedMinutes,
        Location location,
        VisitStatus status,
        Instant startedAt,
        Instant endedAt,
        Integer deliveredMinutes) {

    boolean delivered() {
        return status == VisitStatus.DELIVERED;
    }

    /** Cancelled and missed visits are not part of anybody's day; scheduled ones are, until they are done. */
    boolean partOfTheDay() {
        return status == VisitStatus.SCHEDULED || status == VisitStatus.IN_PROGRESS || status == VisitStatus.DELIVERED;
    }

    /** The order of the day: when the worker checked in, or, before that, when the visit is planned. */
    Instant orderedAt() {
        return startedAt != null ? startedAt : plannedStart;
    }

    Instant plannedEnd() {
        return plannedStart.plusSeconds(plannedMinutes * 60L);
    }
}
