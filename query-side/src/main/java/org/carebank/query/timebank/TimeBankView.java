package org.carebank.query.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A client's time bank as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeBankView(
        String clientRef,
        int balanceMinutes,
        int bankedMinutes,
        int drawnMinutes,
        int expiredMinutes,
        int adjustedMinutes,
        int capMinutes,
        NextExpiry nextExpiry,
        List<Lot> lots,
        Instant asOf) {

    public record Lot(String lotId, Instant bankedAt, Instant expiresAt, int remainingMinutes) {}

    /** The next lot to expire: the day (service time zone), the instant, and the minutes it will take. */
    public record NextExpiry(LocalDate on, Instant at, int minutes) {}
}
