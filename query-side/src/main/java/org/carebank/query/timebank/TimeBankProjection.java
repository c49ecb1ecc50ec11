package org.carebank.query.timebank;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLedger;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Per client: the balance and totals, the open lots, and the ledger with the balance after each line. */
@Component
@ProcessingGroup(TimeBankProjection.PROCESSING_GROUP)
class TimeBankProjection {

    static final String PROCESSING_GROUP = "time-bank-views";

    private final JdbcClient jdbc;

    TimeBankProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(
            UnusedTimeBanked event,
            @SequenceNumber long sequence,
            @MetaDataValue(Caller.PRINCIPAL) String principal,
            @Timestamp Instant recordedAt) {
        write(event.clientRef(), TimeBankLedger.Move.of(event), sequence, principal, recordedAt);
    }

    @EventHandler
    void on(
            TimeDrawnDown event,
            @SequenceNumber long sequence,
            @MetaDataValue(Caller.PRINCIPAL) String principal,
            @Timestamp Instant recordedAt) {
        write(event.clientRef(), TimeBankLedger.Move.of(event), sequence, principal, recordedAt);
    }

    @EventHandler
    void on(
            TimeBankLotExpired event,
            @SequenceNumber long sequence,
            @MetaDataValue(Caller.PRINCIPAL) String principal,
            @Timestamp Instant recordedAt) {
        write(event.clientRef(), TimeBankLedger.Move.of(event), sequence, principal, recordedAt);
    }

    @EventHandler
    void on(
            TimeBankAdjusted event,
            @SequenceNumber long sequence,
            @MetaDataValue(Caller.PRINCIPAL) String principal,
            @Timestamp Instant recordedAt) {
        write(event.clientRef(), TimeBankLedger.Move.of(event), sequence, principal, recordedAt);
    }

    /**
     * Writes a move as {@link TimeBankLedger#apply(TimeBankLedger.Move)} applies it, as changes to the stored rows:
     * the lot it opens, the minutes it takes from lots, its total. No read per event: a rebuild handles hundreds of
     * thousands of them (ADR 0009).
     */
    private void write(String clientRef, TimeBankLedger.Move move, long sequence, String principal, Instant at) {
        if (move.opened() != null) {
            openLot(clientRef, move.opened());
        }
        move.spent().forEach(spend -> spend(clientRef, spend));
        totals(clientRef, column(move.kind()), move.counted(), move.balanceAfter(), at);
        ledger(clientRef, sequence, LedgerLine.of(move, principal));
    }

    private static String column(TimeBankLedger.Kind kind) {
        return switch (kind) {
            case BANKED -> "banked";
            case DRAWN -> "drawn";
            case EXPIRED -> "expired";
            case ADJUSTED -> "adjusted";
        };
    }

    private void openLot(String clientRef, TimeBankLedger.Lot lot) {
        jdbc.sql(
                        """
                        INSERT INTO time_bank_lot_view (client_ref, lot_id, banked_at, expires_at, remaining)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(clientRef, lot.lotId(), ts(lot.bankedAt()), ts(lot.expiresAt()), lot.remaining())
                .update();
    }

    private void spend(String clientRef, LotSpend spend) {
        jdbc.sql("UPDATE time_bank_lot_view SET remaining = remaining - ? WHERE client_ref = ? AND lot_id = ?")
                .params(spend.minutes(), clientRef, spend.lotId())
                .update();
    }

    /** {@code column} is one of the fixed total names of {@link #column}, never input. */
    private void totals(String clientRef, String column, int minutes, int balanceAfter, Instant recordedAt) {
        int updated = jdbc.sql("UPDATE time_bank_view SET " + column + " = " + column
                        + " + ?, balance = ?, updated_at = ? WHERE client_ref = ?")
                .params(minutes, balanceAfter, ts(recordedAt), clientRef)
                .update();
        if (updated == 0) {
            jdbc.sql(
                            """
                            INSERT INTO time_bank_view (client_ref, balance, banked, drawn, expired, adjusted, updated_at)
                            VALUES (?, ?, 0, 0, 0, 0, ?)""")
                    .params(clientRef, balanceAfter, ts(recordedAt))
                    .update();
            jdbc.sql("UPDATE time_bank_view SET " + column + " = ? WHERE client_ref = ?")
                    .params(minutes, clientRef)
                    .update();
        }
    }

    private void ledger(String clientRef, long sequence, LedgerLine line) {
        jdbc.sql(
                        """
                        INSERT INTO time_bank_ledger (client_ref, line_no, effective_at, kind, minutes, balance_after, visit_id,
                          reason, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        clientRef,
                        sequence,
                        ts(line.at()),
                        line.kind().name(),
                        line.minutes(),
                        line.balanceAfter(),
                        line.visitId(),
                        line.reason(),
                        line.recordedBy())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM time_bank_ledger").update();
        jdbc.sql("DELETE FROM time_bank_lot_view").update();
        jdbc.sql("DELETE FROM time_bank_view").update();
    }
}
