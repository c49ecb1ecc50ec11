package org.carebank.query.performance;

import static org.carebank.query.web.Sql.ts;

import java.time.Instant;
import java.util.LinkedHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeBankLedger;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;
import org.carebank.query.batch.BatchedWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The time bank side of provider performance: a deposit counts for the provider whose visit left the minutes unused,
 * and a draw-down or expiry for the provider whose deposit opened the lot it spent. Council adjustment lots belong to
 * no provider. Part of {@code performance-views}, so it is rebuilt with the rest of the view; a bank's events share a
 * segment, so a lot is always known before it is spent.
 */
@Component
@ProcessingGroup(PerformanceProjection.PROCESSING_GROUP)
class PerformanceTimeBankProjection {

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    PerformanceTimeBankProjection(JdbcClient jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(UnusedTimeBanked event, @MessageIdentifier String eventId) {
        var banked = TimeBankLedger.Move.of(event);
        writes.update(
                "INSERT INTO performance_time_bank_lot (client_ref, lot_id, provider_id) VALUES (?, ?, ?)",
                event.clientRef(),
                banked.opened().lotId(),
                event.providerId());
        move(eventId, event.providerId(), banked.kind().name(), banked.counted(), banked.at());
    }

    @EventHandler
    void on(TimeDrawnDown event, @MessageIdentifier String eventId) {
        spent(eventId, event.clientRef(), TimeBankLedger.Move.of(event));
    }

    @EventHandler
    void on(TimeBankLotExpired event, @MessageIdentifier String eventId) {
        spent(eventId, event.clientRef(), TimeBankLedger.Move.of(event));
    }

    /** The lots a move spent, as the ledger reads them, each counted for the provider whose deposit opened it. */
    private void spent(String eventId, String clientRef, TimeBankLedger.Move move) {
        writes.flush(); // the lots may have been banked earlier in this batch
        var byProvider = new LinkedHashMap<String, Integer>();
        for (LotSpend spend : move.spent()) {
            jdbc.sql("SELECT provider_id FROM performance_time_bank_lot WHERE client_ref = ? AND lot_id = ?")
                    .params(clientRef, spend.lotId())
                    .query(String.class)
                    .optional()
                    .ifPresent(provider -> byProvider.merge(provider, spend.minutes(), Integer::sum));
        }
        byProvider.forEach(
                (provider, minutes) -> move(eventId, provider, move.kind().name(), minutes, move.at()));
    }

    private void move(String eventId, String providerId, String kind, int minutes, Instant at) {
        writes.update(
                """
                        INSERT INTO performance_time_bank_move (event_id, provider_id, kind, minutes, occurred_at)
                        VALUES (?, ?, ?, ?, ?)""",
                eventId,
                providerId,
                kind,
                minutes,
                ts(at));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM performance_time_bank_move").update();
        jdbc.sql("DELETE FROM performance_time_bank_lot").update();
    }
}
