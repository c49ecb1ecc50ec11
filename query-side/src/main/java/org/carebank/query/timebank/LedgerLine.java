package org.carebank.query.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.carebank.kernel.timebank.TimeBankLedger;

/**
 * One line of a client's time bank ledger. {@code minutes} is the signed change (credits positive, debits negative),
 * {@code at} the moment it took effect (for an expiry, the lot's expiry time), {@code recordedBy} who sent the command
 * (or the service, for expiries).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LedgerLine(
        Instant at,
        TimeBankLedger.Kind kind,
        int minutes,
        int balanceAfter,
        String visitId,
        String reason,
        String recordedBy) {

    /** The ledger line a move makes; one definition for the projection and for answers "as of" an instant. */
    public static LedgerLine of(TimeBankLedger.Move move, String recordedBy) {
        return new LedgerLine(
                move.at(), move.kind(), move.minutes(), move.balanceAfter(), move.visitId(), move.note(), recordedBy);
    }
}
