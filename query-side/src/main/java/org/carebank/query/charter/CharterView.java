package org.carebank.query.charter;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.carebank.query.web.CsvExportable;
import org.carebank.query.web.CsvTable;

/** A provider's Ethical Care Charter measures over a period; CSV gives one line per measure. */
record CharterView(String providerId, LocalDate from, LocalDate to, List<CharterMeasure> measures)
        implements CsvExportable {

    @Override
    public CsvTable toCsv() {
        var header = List.of(
                "providerId", "from", "to", "measure", "value", "unit", "basis", "comparison", "expected", "flag");
        var rows = measures.stream()
                .map(m -> Arrays.<Object>asList(
                        providerId,
                        from,
                        to,
                        m.measure(),
                        m.value(),
                        m.unit(),
                        m.basis(),
                        m.comparison(),
                        m.expected(),
                        m.flag()))
                .toList();
        return new CsvTable(header, rows);
    }
}
