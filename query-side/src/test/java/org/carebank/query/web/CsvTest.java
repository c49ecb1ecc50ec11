package org.carebank.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    @DisplayName("header and rows, comma separated, CRLF line ends, nulls empty")
    void plainTable() {
        var table = new CsvTable(
                List.of("providerId", "visits", "rate", "from", "flag"),
                List.of(
                        Arrays.asList("alpha-care", 12, new BigDecimal("87.5"), LocalDate.of(2026, 11, 1), true),
                        Arrays.asList("beta-care", 0, null, LocalDate.of(2026, 11, 1), false)));
        assertThat(Csv.write(table))
                .isEqualTo("providerId,visits,rate,from,flag\r\n"
                        + "alpha-care,12,87.5,2026-11-01,true\r\n"
                        + "beta-care,0,,2026-11-01,false\r\n");
    }

    @Test
    @DisplayName("a field with a comma, a quote or a line break is quoted, quotes doubled (RFC 4180)")
    void quoting() {
        assertThat(Csv.field("Sunrise, Care")).isEqualTo("\"Sunrise, Care\"");
        assertThat(Csv.field("the \"best\" care")).isEqualTo("\"the \"\"best\"\" care\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("plain")).isEqualTo("plain");
    }

    @Test
    @DisplayName("text a spreadsheet would run as a formula is defused; negative numbers stay numbers")
    void formulaInjection() {
        assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("-worker")).isEqualTo("'-worker");
        assertThat(Csv.field(-15)).isEqualTo("-15");
    }

    @Test
    @DisplayName("a row narrower or wider than the header is a programming error, not a broken file")
    void rowWidth() {
        var table = new CsvTable(List.of("a", "b"), List.of(List.of(1)));
        assertThatThrownBy(() -> Csv.write(table)).isInstanceOf(IllegalArgumentException.class);
    }
}
