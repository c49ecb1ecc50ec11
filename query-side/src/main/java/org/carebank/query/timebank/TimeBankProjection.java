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
        openLot(event.clientRef(), event.lotId(), event.bankedAt(), event.expiresAt(), event.minutes());
        totals(event.clientRef(), "banked", event.minutes(), event.balanceAfter(), recordedAt);
        ledger(event.clientRef(), sequence, LedgerLine.of(event, principal));
    }

    @EventHandler
    void on(
            TimeDrawnDown event,
            @SequenceNumber long sequence,
            @MetaDataValue(Caller.PRINCIPAL) String principal,
            @Timestamp Instant recordedAt) {
        event.spentFrom().forEach(spend -> spend(event.clientRef(), spend));
        totals(event.clientRef(), "drawn", event.minutes(), event.balanceAfter(), recordedAt);
        ledger(event.clientRef(), sequence, LedgerLine.of(event, principal));
    }

    @EventHandler
    void on(
            TimeBankLotExpired event,
            @SequenceNumber long sequence,
            @MetaDataValue(Caller.PRINCIPAL) String principal,
            @Timestamp Instant recordedAt) {
        spend(event.clientRef(), new LotSpend(event.lotId(), event.minutes()));
        totals(event.clientRef(), "expired", event.minutes(), event.balanceAfter(), recordedAt);
        ledger(event.clientRef(), sequence, LedgerLine.of(event, principal));
    }

    @EventHandler
    void on(
            TimeBankAdjusted event,
            @SequenceNumber long sequence,
            @MetaDataValue(Caller.PRINCIPAL) String principal,
            @Timestamp Instant recordedAt) {
        if (event.lotId() != null) {
            openLot(event.clientRef(), event.lotId(), event.adjustedAt(), event.expiresAt(), event.minutes());
        } else {
            event.spentFrom().forEach(spend -> spend(event.clientRef(), spend));
        }
        totals(event.clientRef(), "adjusted", event.minutes(), event.balanceAfter(), recordedAt);
        ledger(event.clientRef(), sequence, LedgerLine.of(event, principal));
    }

    private void openLot(String clientRef, String lotId, Instant bankedAt, Instant expiresAt, int minutes) {
        jdbc.sql(
                        """
                        INSERT INTO time_bank_lot_view (client_ref, lot_id, banked_at, expires_at, remaining)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(clientRef, lotId, ts(bankedAt), ts(expiresAt), minutes)
                .update();
    }

    private void spend(String clientRef, LotSpend spend) {
        jdbc.sql("UPDATE time_bank_lot_view SET remaining = remaining - ? WHERE client_ref = ? AND lot_id = ?")
                .params(spend.minutes(), clientRef, spend.lotId())
                .update();
    }

    /** {@code column} is one of the fixed total names above, never input. */
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
