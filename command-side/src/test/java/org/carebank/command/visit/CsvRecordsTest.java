package org.carebank.command.visit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The import's RFC 4180 reader: quoting, line breaks, the byte order mark, and a file that streams through. */
class CsvRecordsTest {

    private static CsvRecords of(String text) {
        return new CsvRecords(new StringReader(text));
    }

    @Test
    @DisplayName("commas, doubled quotes and line breaks inside quotes; CRLF and LF records; the start line of each")
    void quoting() throws IOException {
        var records = of("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nlast,,end");
        assertThat(records.next()).containsExactly("a", "b", "c");
        assertThat(records.recordLine()).isEqualTo(1);
        assertThat(records.next()).containsExactly("x, y", "say \"hi\"", "two\r\nlines");
        assertThat(records.recordLine()).isEqualTo(2);
        assertThat(records.next()).containsExactly("last", "", "end");
        assertThat(records.recordLine()).as("the quoted line break counts").isEqualTo(4);
        assertThat(records.next()).isNull();
    }

    @Test
    @DisplayName("an unterminated quote is malformed, naming the line it started on")
    void unterminatedQuote() throws IOException {
        var records = of("a,b\r\n\"never closed,b\r\n");
        records.next();
        assertThatThrownBy(records::next)
                .isInstanceOf(CsvRecords.MalformedCsv.class)
                .hasMessageContaining("line 2");
    }

    @Test
    @DisplayName("100,000 lines stream through one record at a time, from a body generated as it is read")
    void streams() throws IOException {
        int lines = 100_000;
        InputStream generated = new InputStream() {
            private int line;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                if (at == current.length) {
                    if (line == lines) {
                        return -1;
                    }
                    current = ("v-" + line++ + ",pkg,w,2026-10-05T09:00:00Z,60\r\n").getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                return current[at++];
            }
        };
        var records = new CsvRecords(new InputStreamReader(generated, StandardCharsets.UTF_8));
        int count = 0;
        List<String> last = null;
        for (List<String> record = records.next(); record != null; record = records.next()) {
            count++;
            last = record;
        }
        assertThat(count).isEqualTo(lines);
        assertThat(last).first().isEqualTo("v-99999");
    }
}
