package org.carebank.query.web;

import java.util.List;

/**
 * RFC 4180 CSV: comma separated, CRLF line ends, a field quoted (quotes doubled) when it holds a comma, a quote or a
 * line break. A null is an empty field. Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab
 * or carriage return) gets a leading apostrophe, as OWASP advises for CSV files opened in Excel; numbers, dates and
 * booleans are written as they are.
 */
final class Csv {

    private static final String LINE_END = "\r\n";

    private Csv() {}

    public static String write(CsvTable table) {
        var out = new StringBuilder();
        line(out, table.header());
        for (List<?> row : table.rows()) {
            if (row.size() != table.header().size()) {
                throw new IllegalArgumentException("A CSV row has " + row.size() + " fields for "
                        + table.header().size() + " columns.");
            }
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(LINE_END);
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof CharSequence || value instanceof Character) {
            text = defused(text);
        }
        boolean quote =
                text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String defused(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
