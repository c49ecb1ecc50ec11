package org.carebank.standalone.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * CSV for the figures whose endpoint answers JSON only: the endpoint's JSON flattened, one line per element of an
 * answer that is a list (one line for an object), a column per field, nested fields named by their path
 * ({@code cqc.overall}) and lists written as their JSON. Where the endpoint has a CSV of its own, that is used instead.
 */
final class CsvOfJson {

    private CsvOfJson() {}

    static String of(JsonNode answer) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (answer.isArray()) {
            answer.forEach(element -> rows.add(flattened(element)));
        } else {
            rows.add(flattened(answer));
        }
        var columns = new LinkedHashSet<String>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        var csv = new StringBuilder();
        csv.append(String.join(",", columns.stream().map(CsvOfJson::cell).toList()))
                .append("\r\n");
        for (Map<String, String> row : rows) {
            csv.append(String.join(
                            ",",
                            columns.stream()
                                    .map(column -> cell(row.getOrDefault(column, "")))
                                    .toList()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private static Map<String, String> flattened(JsonNode node) {
        var row = new LinkedHashMap<String, String>();
        flatten("", node, row);
        return row;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> row) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), row);
            }
        } else if (node.isArray()) {
            row.put(prefix.isEmpty() ? "value" : prefix, node.toString());
        } else {
            row.put(prefix.isEmpty() ? "value" : prefix, node.isNull() ? "" : node.asString());
        }
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
    private static String cell(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
