package org.carebank.command.visit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.refusal.Refusal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lines of an import body, read one at a time (CSV with a header, or JSON lines), each as a JSON object for
 * {@link RosterLineParser}: the body is never held in memory whole. Bytes are decoded strictly as UTF-8.
 */
abstract class ImportSource {

    /** One line of the body: its number in the file, and either the object it holds or why it cannot be read. */
    record RawLine(int line, JsonNode node, Refusal refusal) {}

    /** A body that cannot be imported at all (a CSV header without the required columns). */
    static final class UnreadableImport extends RuntimeException {
        final transient Refusal refusal;

        UnreadableImport(Refusal refusal) {
            super(refusal.detail());
            this.refusal = refusal;
        }
    }

    /** The next line, or null at the end; after a line that stops the reading (bad bytes), null. */
    abstract RawLine next() throws IOException;

    static ImportSource csv(InputStream body, ObjectMapper json) throws IOException {
        return new Csv(new CsvRecords(reader(body)), json);
    }

    static ImportSource jsonLines(InputStream body, ObjectMapper json) {
        return new JsonLines(new BufferedReader(reader(body)), json);
    }

    private static InputStreamReader reader(InputStream body) {
        return new InputStreamReader(
                body,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    static Refusal malformed(String detail) {
        return new Refusal("malformed-request", 400, "Malformed request", detail, Map.of());
    }

    private static final class Csv extends ImportSource {
        private final CsvRecords records;
        private final ObjectMapper json;
        private final List<String> header;
        private boolean stopped;

        Csv(CsvRecords records, ObjectMapper json) throws IOException {
            this.records = records;
            this.json = json;
            List<String> names;
            try {
                names = records.next();
            } catch (IOException unreadable) {
                throw new UnreadableImport(invalidHeader("The header cannot be read: " + unreadable.getMessage()));
            }
            if (names == null) {
                throw new UnreadableImport(invalidHeader("The body is empty: a CSV import starts with a header."));
            }
            var unknown = new ArrayList<String>();
            var seen = new HashSet<String>();
            for (String name : names) {
                if (!ImportRequests.COLUMNS.contains(name) || !seen.add(name)) {
                    unknown.add(name);
                }
            }
            var missing = ImportRequests.REQUIRED_COLUMNS.stream()
                    .filter(required -> !seen.contains(required))
                    .toList();
            if (!unknown.isEmpty() || !missing.isEmpty()) {
                throw new UnreadableImport(invalidHeader("The header names unknown or repeated columns " + unknown
                                + " or lacks required ones " + missing + ".")
                        .with("columns", ImportRequests.COLUMNS)
                        .with("requiredColumns", ImportRequests.REQUIRED_COLUMNS));
            }
            this.header = List.copyOf(names);
        }

        private static Refusal invalidHeader(String detail) {
            return new Refusal("invalid-import-header", 400, "Invalid import header", detail, Map.of());
        }

        @Override
        RawLine next() throws IOException {
            while (!stopped) {
                List<String> fields;
                try {
                    fields = records.next();
                } catch (IOException unreadable) {
                    stopped = true;
                    return new RawLine(records.recordLine(), null, malformed(unreadable.getMessage()));
                }
                if (fields == null) {
                    return null;
                }
                if (fields.size() == 1 && fields.get(0).isEmpty()) {
                    continue; // a blank line
                }
                int line = records.recordLine();
                if (fields.size() != header.size()) {
                    return new RawLine(
                            line,
                            null,
                            malformed("Line " + line + " has " + fields.size() + " fields; the header has "
                                    + header.size() + "."));
                }
                ObjectNode node = json.createObjectNode();
                for (int i = 0; i < fields.size(); i++) {
                    if (!fields.get(i).isEmpty()) {
                        node.put(header.get(i), fields.get(i)); // an empty field is an absent value
                    }
                }
                return new RawLine(line, node, null);
            }
            return null;
        }
    }

    private static final class JsonLines extends ImportSource {
        private final BufferedReader lines;
        private final ObjectMapper json;
        private int line;
        private boolean stopped;

        JsonLines(BufferedReader lines, ObjectMapper json) {
            this.lines = lines;
            this.json = json;
        }

        @Override
        RawLine next() throws IOException {
            while (!stopped) {
                String text;
                try {
                    text = lines.readLine();
                } catch (java.nio.charset.CharacterCodingException badBytes) {
                    stopped = true;
                    return new RawLine(line + 1, null, malformed("Line " + (line + 1) + " is not UTF-8."));
                }
                if (text == null) {
                    return null;
                }
                line++;
                if (text.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = json.readTree(text);
                    if (node == null || !node.isObject()) {
                        return new RawLine(line, null, malformed("Line " + line + " is not a JSON object."));
                    }
                    return new RawLine(line, node, null);
                } catch (JacksonException unreadable) {
                    return new RawLine(line, null, malformed("Line " + line + " is not valid JSON."));
                }
            }
            return null;
        }
    }
}
