package org.carebank.command.visit;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time from a stream: fields separated by commas, records by CRLF or LF, a field in
 * double quotes may hold commas, line breaks and doubled quotes. Only the record being read is held in memory, so a
 * file of any length streams through. A UTF-8 byte order mark before the header is skipped.
 */
final class CsvRecords {

    /** A record that cannot be read (an unterminated quote): the line it started on says where. */
    static final class MalformedCsv extends IOException {
        MalformedCsv(String message) {
            super(message);
        }
    }

    private static final int MAX_FIELD_CHARS = 10_000;

    private final Reader in;
    private int line = 1;
    private int recordLine;
    private int peeked = -2;
    private boolean first = true;

    CsvRecords(Reader in) {
        this.in = in;
    }

    /** The line of the file where the last record returned began (1 for the header). */
    int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end of the input. */
    List<String> next() throws IOException {
        int c = read();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        recordLine = line;
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (inQuotes) {
                if (c == -1) {
                    throw new MalformedCsv("the quoted field that starts on line " + recordLine + " is never closed");
                }
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        c = following;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(field, c);
                }
                c = read();
                continue;
            }
            if (c == ',') {
                fields.add(quoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                quoted = false;
            } else if (c == '\r' || c == '\n' || c == -1) {
                if (c == '\r') {
                    int following = read();
                    if (following != '\n') {
                        unread(following);
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(quoted ? field.toString() : field.toString().strip());
                return fields;
            } else if (c == '"' && field.toString().isBlank() && !quoted) {
                field.setLength(0);
                quoted = true;
                inQuotes = true;
            } else {
                append(field, c);
            }
            c = read();
        }
    }

    private static void append(StringBuilder field, int c) throws MalformedCsv {
        if (field.length() >= MAX_FIELD_CHARS) {
            throw new MalformedCsv("a field is longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append((char) c);
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        peeked = c;
    }
}
