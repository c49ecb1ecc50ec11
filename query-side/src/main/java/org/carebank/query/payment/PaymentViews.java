package org.carebank.query.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.payment.HoldReason;
import org.carebank.kernel.payment.StatementLine;
import org.carebank.kernel.payment.VisitException;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;

/** The payment answers of the query API. */
final class PaymentViews {

    private PaymentViews() {}

    record RateView(String rateId, int hourlyRatePence, LocalDate effectiveFrom, String reason, String recordedBy) {}

    record StatementSummary(
            String statementId,
            String providerId,
            LocalDate periodFrom,
            LocalDate periodTo,
            Instant issuedAt,
            int visits,
            long payableMinutes,
            long payablePence) {}

    /** Columns of the CSV, one row per line, then a TOTAL trailer row with the statement's totals. */
    static final List<String> CSV_COLUMNS = List.of(
            "statementId",
            "providerId",
            "lineNo",
            "visitId",
            "clientRef",
            "packageId",
            "date",
            "deliveredMinutes",
            "billableMinutes",
            "hourlyRatePence",
            "amountPence",
            "rule",
            "rateId",
            "drawnFromBankMinutes",
            "adjustmentOf");

    record StatementView(
            String statementId,
            String providerId,
            LocalDate periodFrom,
            LocalDate periodTo,
            Instant issuedAt,
            int visits,
            long payableMinutes,
            long payablePence,
            List<StatementLine> lines)
            implements CsvExportable {

        @Override
        public CsvTable toCsv() {
            var rows = new ArrayList<List<Object>>();
            int lineNo = 0;
            for (StatementLine line : lines) {
                rows.add(java.util.Arrays.asList(
                        statementId,
                        providerId,
                        ++lineNo,
                        line.visitId(),
                        line.clientRef(),
                        line.packageId(),
                        line.date(),
                        line.deliveredMinutes(),
                        line.billableMinutes(),
                        line.hourlyRatePence(),
                        line.amountPence(),
                        line.rule(),
                        line.rateId(),
                        line.drawnFromBankMinutes(),
                        line.adjustmentOf() == null ? "" : line.adjustmentOf()));
            }
            rows.add(java.util.Arrays.asList(
                    statementId,
                    providerId,
                    "TOTAL",
                    visits,
                    "",
                    "",
                    periodTo,
                    "",
                    payableMinutes,
                    "",
                    payablePence,
                    "",
                    "",
                    "",
                    ""));
            return new CsvTable(CSV_COLUMNS, rows);
        }
    }

    record Payable(int visits, long minutes, long pence) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Held(String visitId, LocalDate date, HoldReason why, List<VisitException> exceptions) {}

    record Preview(
            String providerId,
            LocalDate from,
            LocalDate to,
            Payable payable,
            List<Held> held,
            List<StatementLine> lines) {}

    /** One event behind a line, with its audit-feed position ({@code GET /api/v1/audit/events?after=position-1}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Evidence(String fact, String eventType, Long position, String detail) {}

    record LineExplanation(String statementId, String providerId, StatementLine line, List<Evidence> events) {}
}
