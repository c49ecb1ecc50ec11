package org.carebank.query.web;

import java.util.List;

/** RFC 4180 CSV for spreadsheet users: a header row, fields quoted when they hold a comma, quote or line break. */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

    private Csv() {}

    public static String of(List<String> header, List<List<?>> rows) {
        var csv = new StringBuilder();
        line(csv, header);
        rows.forEach(row -> line(csv, row));
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
