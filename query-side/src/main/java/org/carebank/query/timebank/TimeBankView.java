package org.carebank.query.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.carebank.kernel.timebank.TimeBankLedger;

/** A client's time bank as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TimeBankView(
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
    public record NextExpiry(LocalDate on, Instant at, int minutes) {

        static NextExpiry of(TimeBankLedger ledger, ZoneId zone) {
            return ledger.nextExpiry()
                    .map(next -> new NextExpiry(next.at().atZone(zone).toLocalDate(), next.at(), next.minutes()))
                    .orElse(null);
        }
    }

    /** The view of a ledger, live (from the projection's tables) or folded "as of" an instant. */
    static TimeBankView of(String clientRef, TimeBankLedger ledger, int capMinutes, ZoneId zone, Instant asOf) {
        return new TimeBankView(
                clientRef,
                ledger.balance(),
                ledger.banked(),
                ledger.drawn(),
                ledger.expired(),
                ledger.adjusted(),
                capMinutes,
                NextExpiry.of(ledger, zone),
                ledger.lots().stream()
                        .map(lot -> new Lot(lot.lotId(), lot.bankedAt(), lot.expiresAt(), lot.remaining()))
                        .toList(),
                asOf);
    }
}
