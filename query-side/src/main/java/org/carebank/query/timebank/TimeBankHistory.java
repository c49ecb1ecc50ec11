package org.carebank.query.timebank;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.timebank.TimeBankLedger;

/**
 * A client's time bank folded from its own events, up to any instant: what the bank looked like "as of" then. The
 * events carry the moment each change took effect, so the fold needs nothing but the history; the arithmetic is the
 * kernel's {@link TimeBankLedger}, the same the aggregate decides on and the projection writes.
 */
final class TimeBankHistory {

    private final String clientRef;
    private final List<LedgerLine> lines = new ArrayList<>();
    private TimeBankLedger ledger = TimeBankLedger.EMPTY;
    private boolean recorded;

    TimeBankHistory(String clientRef) {
        this.clientRef = clientRef;
    }

    /** Adds one event; returns false (and ignores it) when it took effect after {@code asOf}. */
    boolean add(Object event, String recordedBy, Instant asOf) {
        var move = TimeBankLedger.Move.of(event);
        recorded = true;
        if (asOf != null && move.at().isAfter(asOf)) {
            return false;
        }
        lines.add(LedgerLine.of(move, recordedBy));
        ledger = ledger.apply(move);
        return true;
    }

    /** No event at all: there is no such bank (a bank opened after {@code asOf} shows zeros then). */
    boolean isEmpty() {
        return !recorded;
    }

    List<LedgerLine> ledger() {
        return List.copyOf(lines);
    }

    TimeBankView view(int capMinutes, ZoneId zone, Instant asOf) {
        return TimeBankView.of(clientRef, ledger, capMinutes, zone, asOf);
    }
}
