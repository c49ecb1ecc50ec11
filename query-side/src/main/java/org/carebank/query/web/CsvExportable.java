package org.carebank.query.web;

/**
 * An answer that can also be sent as CSV ({@code Accept: text/csv}): the rows it lists, one per line, with the same
 * names as its JSON fields.
 */
public interface CsvExportable {

    CsvTable toCsv();
}
