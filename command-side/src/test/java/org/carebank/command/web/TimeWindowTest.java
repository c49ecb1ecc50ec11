package org.carebank.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final TimeWindow window = TimeWindow.defaults();

    @Test
    @DisplayName("instants from 2000-01-01T00:00Z to ten years after now are accepted, one second beyond is not")
    void instantBoundaries() {
        assertThat(window.problem(Instant.parse("2000-01-01T00:00:00Z"), NOW)).isEmpty();
        assertThat(window.problem(Instant.parse("2036-12-01T10:00:00Z"), NOW)).isEmpty();
        assertThat(window.problem(Instant.parse("1999-12-31T23:59:59Z"), NOW))
                .hasValueSatisfying(why -> assertThat(why).contains("carebank.commands.time-window"));
        assertThat(window.problem(Instant.parse("2036-12-01T10:00:01Z"), NOW)).isPresent();
    }

    @Test
    @DisplayName("dates from 2000-01-01 to ten years after today are accepted, a day beyond is not")
    void dateBoundaries() {
        assertThat(window.problem(LocalDate.of(2000, 1, 1), NOW)).isEmpty();
        assertThat(window.problem(LocalDate.of(2036, 12, 1), NOW)).isEmpty();
        assertThat(window.problem(LocalDate.of(1999, 12, 31), NOW)).isPresent();
        assertThat(window.problem(LocalDate.of(2036, 12, 2), NOW)).isPresent();
    }

    @Test
    @DisplayName("the extremes that overflowed or were stored (years 0000, 0001, 9999, Instant.MIN/MAX) are refused")
    void extremes() {
        for (String instant : new String[] {
            "0000-01-01T00:00:00Z",
            "0001-01-01T09:00:00Z",
            "9999-12-31T09:00:00Z",
            "+1000000000-12-31T23:00:00Z",
            "-1000000000-01-01T00:00:00Z",
            "+999999999-12-31T00:00:00Z",
            "-999999999-01-01T00:00:00Z"
        }) {
            assertThat(window.problem(Instant.parse(instant), NOW)).as(instant).isPresent();
        }
        assertThat(window.problem(LocalDate.MAX, NOW)).isPresent();
        assertThat(window.problem(LocalDate.MIN, NOW)).isPresent();
    }

    @Test
    @DisplayName("the window moves with the clock")
    void movesWithTheClock() {
        var later = Instant.parse("2030-06-01T00:00:00Z");
        assertThat(window.problem(Instant.parse("2040-01-01T00:00:00Z"), NOW)).isPresent();
        assertThat(window.problem(Instant.parse("2040-01-01T00:00:00Z"), later)).isEmpty();
    }
}
