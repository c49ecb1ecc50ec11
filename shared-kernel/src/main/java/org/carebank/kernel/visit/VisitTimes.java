package org.carebank.kernel.visit;

import java.time.Instant;

/**
 * A visit's delivery as one side of an amendment: the times recorded before it, or the times it asks for.
 * {@code startedAt}/{@code endedAt} are null where nothing is (or would be) recorded; {@code deliveredMinutes} is 0
 * when the visit was not (or would not be) delivered.
 */
public record VisitTimes(
        Instant startedAt,
        Instant endedAt,
        int deliveredMinutes,
        boolean endedEarlyAtClientRequest,
        boolean notDelivered) {}
