package org.carebank.query.timebank;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.timebank.LotSpend;
import org.carebank.kernel.timebank.TimeBankAdjusted;
import org.carebank.kernel.timebank.TimeBankLotExpired;
import org.carebank.kernel.timebank.TimeDrawnDown;
import org.carebank.kernel.timebank.UnusedTimeBanked;

/**
 * A client's time bank folded from its own events, up to any instant: what the bank looked like "as of" then. The
 * events carry the moment each change took effect, so the fold needs nothing but the history.
 */
public final class TimeBankHistory {

    private final String clientRef;
    private final Map<String, TimeBankView.Lot> lots = new LinkedHashMap<>();
    private final List<LedgerLine> ledger = new ArrayList<>();
    private boolean recorded;
    private int banked;
    private int drawn;
    private int expired;
    private int adjusted;

    public TimeBankHistory(String clientRef) {
        this.clientRef = clientRef;
    }

    /** Adds one event; returns false (and ignores it) when it took effect after {@code asOf}. */
    public boolean add(Object event, String recordedBy, Instant asOf) {
        LedgerLine line = LedgerLine.of(event, recordedBy);
        recorded = true;
        if (asOf != null && line.at().isAfter(asOf)) {
            return false;
        }
        ledger.add(line);
        if (event instanceof UnusedTimeBanked e) {
            lots.put(e.lotId(), new TimeBankView.Lot(e.lotId(), e.bankedAt(), e.expiresAt(), e.minutes()));
            banked += e.minutes();
        } else if (event instanceof TimeDrawnDown e) {
            e.spentFrom().forEach(this::spend);
            drawn += e.minutes();
        } else if (event instanceof TimeBankLotExpired e) {
            spend(new LotSpend(e.lotId(), e.minutes()));
            expired += e.minutes();
        } else if (event instanceof TimeBankAdjusted e) {
            if (e.lotId() != null) {
                lots.put(e.lotId(), new TimeBankView.Lot(e.lotId(), e.adjustedAt(), e.expiresAt(), e.minutes()));
            } else {
                e.spentFrom().forEach(this::spend);
            }
            adjusted += e.minutes();
        }
        return true;
    }

    private void spend(LotSpend spend) {
        lots.computeIfPresent(
                spend.lotId(),
                (id, lot) -> new TimeBankView.Lot(
                        lot.lotId(), lot.bankedAt(), lot.expiresAt(), lot.remainingMinutes() - spend.minutes()));
    }

    /** No event at all: there is no such bank (a bank opened after {@code asOf} shows zeros then). */
    public boolean isEmpty() {
        return !recorded;
    }

    public List<LedgerLine> ledger() {
        return List.copyOf(ledger);
    }

    public TimeBankView view(int capMinutes, ZoneId zone, Instant asOf) {
        var open =
                lots.values().stream().filter(lot -> lot.remainingMinutes() > 0).toList();
        return new TimeBankView(
                clientRef,
                banked - drawn - expired + adjusted,
                banked,
                drawn,
                expired,
                adjusted,
                capMinutes,
                nextExpiry(open, zone),
                open,
                asOf);
    }

    static TimeBankView.NextExpiry nextExpiry(List<TimeBankView.Lot> open, ZoneId zone) {
        return open.stream()
                .min(Comparator.comparing(TimeBankView.Lot::expiresAt))
                .map(first -> new TimeBankView.NextExpiry(
                        first.expiresAt().atZone(zone).toLocalDate(),
                        first.expiresAt(),
                        open.stream()
                                .filter(lot -> lot.expiresAt().equals(first.expiresAt()))
                                .mapToInt(TimeBankView.Lot::remainingMinutes)
                                .sum()))
                .orElse(null);
    }
}
