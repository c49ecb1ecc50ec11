package org.carebank.query.timebank;

import java.util.List;
import java.util.Optional;
import org.carebank.kernel.timebank.TimeBankLedger;
import org.carebank.query.web.Sql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads back what {@link TimeBankProjection} wrote: a client's ledger (totals and open lots) and its lines. */
@Component
class TimeBankRows {

    private final JdbcClient jdbc;

    TimeBankRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the client has no bank. */
    Optional<TimeBankLedger> ledger(String clientRef) {
        return jdbc.sql("SELECT banked, drawn, expired, adjusted FROM time_bank_view WHERE client_ref = ?")
                .param(clientRef)
                .query((rs, n) ->
                        new int[] {rs.getInt("banked"), rs.getInt("drawn"), rs.getInt("expired"), rs.getInt("adjusted")
                        })
                .optional()
                .map(totals -> new TimeBankLedger(openLots(clientRef), totals[0], totals[1], totals[2], totals[3]));
    }

    /** The lots still holding minutes, in the order they were banked. */
    List<TimeBankLedger.Lot> openLots(String clientRef) {
        return jdbc.sql(
                        """
                        SELECT lot_id, banked_at, expires_at, remaining FROM time_bank_lot_view
                        WHERE client_ref = ? AND remaining > 0 ORDER BY banked_at, lot_id""")
                .param(clientRef)
                .query((rs, n) -> new TimeBankLedger.Lot(
                        rs.getString("lot_id"),
                        Sql.instant(rs, "banked_at"),
                        Sql.instant(rs, "expires_at"),
                        rs.getInt("remaining")))
                .list();
    }

    /** Every line in the order recorded; empty when the client has no bank. */
    List<LedgerLine> lines(String clientRef) {
        return jdbc.sql(
                        """
                        SELECT effective_at, kind, minutes, balance_after, visit_id, reason, recorded_by
                        FROM time_bank_ledger WHERE client_ref = ? ORDER BY line_no""")
                .param(clientRef)
                .query((rs, n) -> new LedgerLine(
                        Sql.instant(rs, "effective_at"),
                        TimeBankLedger.Kind.valueOf(rs.getString("kind")),
                        rs.getInt("minutes"),
                        rs.getInt("balance_after"),
                        rs.getString("visit_id"),
                        rs.getString("reason"),
                        rs.getString("recorded_by")))
                .list();
    }
}
