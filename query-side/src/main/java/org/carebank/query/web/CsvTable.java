package org.carebank.query.web;

import java.util.List;

/** A table to send as {@code text/csv}: one header line and rows of the same width. */
public record CsvTable(List<String> header, List<List<Object>> rows) {

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }
}
