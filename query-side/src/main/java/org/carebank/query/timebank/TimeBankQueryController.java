package org.carebank.query.timebank;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.timebank.TimeBankLedger;
import org.carebank.query.period.DashboardCalendar;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvHttpMessageConverter;
import org.carebank.query.web.CsvTable;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Callers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Time bank")
@ReadsProjection({TimeBankProjection.PROCESSING_GROUP, "package-views"})
class TimeBankQueryController {

    /** One row of the list of banks. */
    record BankRow(
            String clientRef,
            int balanceMinutes,
            int bankedMinutes,
            int drawnMinutes,
            int expiredMinutes,
            int adjustedMinutes,
            TimeBankView.NextExpiry nextExpiry) {}

    private final JdbcClient jdbc;
    private final TimeBankRows rows;
    private final EventStore eventStore;
    private final int capMinutes;
    private final ZoneId zone;

    TimeBankQueryController(
            JdbcClient jdbc, TimeBankRows rows, EventStore eventStore, TimeBankCap cap, DashboardCalendar calendar) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.eventStore = eventStore;
        this.capMinutes = cap.capMinutes();
        this.zone = calendar.timeZone();
    }

    @GetMapping("/api/v1/clients/{clientRef}/time-bank")
    @Operation(summary = "A client's time bank now, or exactly as it was at any past instant (asOf)")
    TimeBankView timeBank(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String clientRef,
            @RequestParam(required = false) Instant asOf) {
        requireVisible(clientRef);
        if (asOf != null) {
            return history(clientRef, asOf).view(capMinutes, zone, asOf);
        }
        var ledger = rows.ledger(clientRef).orElseThrow(() -> unknown(clientRef));
        return TimeBankView.of(clientRef, ledger, capMinutes, zone, null);
    }

    @GetMapping("/api/v1/clients/{clientRef}/time-bank/ledger")
    @Operation(
            summary = "Every change to a client's time bank in order, with the balance after each and who recorded it")
    List<LedgerLine> ledger(@PathVariable @Pattern(regexp = Ids.PATTERN) String clientRef) {
        requireVisible(clientRef);
        var lines = rows.lines(clientRef);
        if (lines.isEmpty()) {
            throw unknown(clientRef);
        }
        return lines;
    }

    @GetMapping(value = "/api/v1/time-banks", produces = "application/json")
    @Operation(summary = "One row per client's time bank, optionally of one provider's clients or one zone")
    List<BankRow> banks(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String zone) {
        Caller caller = Callers.current();
        var sql = new StringBuilder(
                "SELECT client_ref, balance, banked, drawn, expired, adjusted FROM time_bank_view t WHERE 1 = 1");
        var params = new ArrayList<Object>();
        for (String provider : new String[] {caller.providerId(), providerId}) {
            if (provider != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM package_view p WHERE p.client_ref = t.client_ref"
                        + " AND p.provider_id = ?)");
                params.add(provider);
            }
        }
        if (zone != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM package_view p WHERE p.client_ref = t.client_ref AND p.zone = ?)");
            params.add(zone);
        }
        sql.append(" ORDER BY client_ref");
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    @GetMapping(value = "/api/v1/time-banks", produces = CsvHttpMessageConverter.TEXT_CSV_VALUE)
    @Operation(summary = "The list of time banks as CSV")
    CsvExportable banksCsv(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String zone) {
        List<List<Object>> rows = banks(providerId, zone).stream()
                .<List<Object>>map(bank -> java.util.Arrays.asList(
                        bank.clientRef(),
                        bank.balanceMinutes(),
                        bank.bankedMinutes(),
                        bank.drawnMinutes(),
                        bank.expiredMinutes(),
                        bank.adjustedMinutes(),
                        bank.nextExpiry() == null ? null : bank.nextExpiry().on(),
                        bank.nextExpiry() == null ? null : bank.nextExpiry().minutes()))
                .toList();
        var table = new CsvTable(
                List.of(
                        "clientRef",
                        "balanceMinutes",
                        "bankedMinutes",
                        "drawnMinutes",
                        "expiredMinutes",
                        "adjustedMinutes",
                        "nextExpiryOn",
                        "nextExpiryMinutes"),
                rows);
        // Through the CSV converter, as every other download: charset=utf-8 and a file name.
        return () -> table;
    }

    private BankRow row(ResultSet rs, int n) throws SQLException {
        String clientRef = rs.getString("client_ref");
        var ledger = new TimeBankLedger(
                rows.openLots(clientRef),
                rs.getInt("banked"),
                rs.getInt("drawn"),
                rs.getInt("expired"),
                rs.getInt("adjusted"));
        return new BankRow(
                clientRef,
                rs.getInt("balance"),
                ledger.banked(),
                ledger.drawn(),
                ledger.expired(),
                ledger.adjusted(),
                TimeBankView.NextExpiry.of(ledger, zone));
    }

    /** Replays the bank's own events from the event store, up to {@code asOf}. */
    private TimeBankHistory history(String clientRef, Instant asOf) {
        var history = new TimeBankHistory(clientRef);
        eventStore
                .readEvents(StreamIds.timeBank(clientRef))
                .asStream()
                .forEach(event -> history.add(
                        event.getPayload(), String.valueOf(event.getMetaData().get(Caller.PRINCIPAL)), asOf));
        if (history.isEmpty()) {
            throw unknown(clientRef);
        }
        return history;
    }

    /** The council, auditors and admins see every bank; a provider only those of clients it serves. */
    private void requireVisible(String clientRef) {
        Caller caller = Callers.current();
        if (caller.role() != Role.PROVIDER) {
            return;
        }
        long served = jdbc.sql("SELECT COUNT(*) FROM package_view WHERE client_ref = ? AND provider_id = ?")
                .params(clientRef, caller.providerId())
                .query(Long.class)
                .single();
        if (served == 0) {
            throw unknown(clientRef);
        }
    }

    private static NotFoundException unknown(String clientRef) {
        return new NotFoundException("unknown-time-bank", "No time bank for client " + clientRef + ".");
    }
}
