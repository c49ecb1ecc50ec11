package org.carebank.query.performance;

import java.time.LocalDate;
import java.util.List;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;

/** Every provider's performance over one period, side by side: one CSV line per provider. */
record PerformanceComparison(LocalDate from, LocalDate to, List<ProviderPerformance> providers)
        implements CsvExportable {

    @Override
    public CsvTable toCsv() {
        return new CsvTable(
                ProviderPerformance.CSV_COLUMNS,
                providers.stream().map(ProviderPerformance::csvRow).toList());
    }
}
