package org.carebank.standalone.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an export line by line: one event in memory at a time, whatever the length of the history. Read twice by
 * the replay (once to verify, once to load), so nothing is loaded from a file that has not been verified whole.
 */
final class ExportFile {

    @FunctionalInterface
    interface EventSink {
        void accept(ExportedEvent event) throws Exception;
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path path;

    ExportFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Every event of the file in its order (chain order, as exported); blank lines are skipped. */
    void forEach(EventSink sink) throws Exception {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    sink.accept(ExportedEvent.parse(JSON, lineNumber, line));
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot read the export " + path + ": " + e.getMessage(), e);
        }
    }
}
