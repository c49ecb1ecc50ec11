package org.carebank.query.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;

/**
 * One line of a client's time bank ledger. {@code minutes} is the signed change (credits positive, debits negative),
 * {@code at} the moment it took effect (for an expiry, the lot's expiry time), {@code recordedBy} who sent the command
 * (or the service, for expiries).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerLine(
        Instant at, Kind kind, int minutes, int balanceAfter, String visitId, String reason, String recordedBy) {

    public enum Kind {
        BANKED,
        DRAWN,
        EXPIRED,
        ADJUSTED
    }

    /** The ledger line an event makes; one definition for the projection and for answers "as of" an instant. */
    public static LedgerLine of(Object event, String recordedBy) {
        if (event instanceof UnusedTimeBanked e) {
            return new LedgerLine(
                    e.bankedAt(), Kind.BANKED, e.minutes(), e.balanceAfter(), e.visitId(), null, recordedBy);
        }
        if (event instanceof TimeDrawnDown e) {
            return new LedgerLine(
                    e.drawnAt(), Kind.DRAWN, -e.minutes(), e.balanceAfter(), e.visitId(), e.purpose(), recordedBy);
        }
        if (event instanceof TimeBankLotExpired e) {
            return new LedgerLine(
                    e.expiredAt(), Kind.EXPIRED, -e.minutes(), e.balanceAfter(), null, "lot " + e.lotId(), recordedBy);
        }
        if (event instanceof TimeBankAdjusted e) {
            return new LedgerLine(
                    e.adjustedAt(), Kind.ADJUSTED, e.minutes(), e.balanceAfter(), null, e.reason(), recordedBy);
        }
        throw new IllegalArgumentException("not a time bank event: " + event);
    }
}
