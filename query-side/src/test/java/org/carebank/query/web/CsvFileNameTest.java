package org.carebank.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvFileNameTest {

    @Test
    @DisplayName("a CSV download is named after its path, without the API prefix, in characters every system keeps")
    void namedAfterThePath() {
        assertThat(CsvHttpMessageConverter.fileName("/api/v1/performance/providers"))
                .isEqualTo("performance-providers.csv");
        assertThat(CsvHttpMessageConverter.fileName("/api/v1/providers/p-1/charter"))
                .isEqualTo("providers-p-1-charter.csv");
        assertThat(CsvHttpMessageConverter.fileName("/api/v1/time-banks")).isEqualTo("time-banks.csv");
        assertThat(CsvHttpMessageConverter.fileName(null)).isEqualTo("carebank.csv");
    }
}
