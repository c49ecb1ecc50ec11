package org.carebank.query.pay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;

/** A provider's workers' pay for one month against the National Living Wage; CSV gives one line per worker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PayCompliance(
        String providerId,
        String month,
        Integer nationalLivingWagePence,
        boolean travelPaidSeparately,
        int workersBelowNationalLivingWage,
        List<WorkerPay> workers)
        implements CsvExportable {

    @Override
    public CsvTable toCsv() {
        var header = List.of(
                "providerId",
                "month",
                "workerId",
                "contractType",
                "hourlyPayPence",
                "visits",
                "contactMinutes",
                "travelMinutes",
                "waitingMinutes",
                "workingMinutes",
                "paidMinutes",
                "payPence",
                "averageHourlyPayPence",
                "nationalLivingWagePence",
                "belowNationalLivingWage");
        var rows = workers.stream()
                .map(w -> Arrays.<Object>asList(
                        providerId,
                        month,
                        w.workerId(),
                        w.contractType(),
                        w.hourlyPayPence(),
                        w.visits(),
                        w.contactMinutes(),
                        w.travelMinutes(),
                        w.waitingMinutes(),
                        w.workingMinutes(),
                        w.paidMinutes(),
                        w.payPence(),
                        w.averageHourlyPayPence(),
                        nationalLivingWagePence,
                        w.belowNationalLivingWage()))
                .toList();
        return new CsvTable(header, rows);
    }
}
