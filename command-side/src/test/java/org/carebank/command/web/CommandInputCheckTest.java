package org.carebank.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandInputCheckTest {

    record Rating(String overall, LocalDate inspectedOn) {}

    record Request(String id, @FreeText String reason, List<String> zones, Instant at, Rating rating, int minutes) {}

    private final CommandInputCheck check = new CommandInputCheck(
            TimeWindow.defaults(), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    private static Request valid() {
        return new Request(
                "v-1",
                "client asked\nto end early",
                List.of("north", "south"),
                Instant.parse("2026-11-30T09:00:00Z"),
                new Rating("GOOD", LocalDate.of(2026, 5, 1)),
                60);
    }

    @Test
    @DisplayName("a valid request has no problems; free text keeps its newline")
    void valid_request() {
        assertThat(check.problemsOf(valid())).isEmpty();
    }

    @Test
    @DisplayName("every bad field is named as the client wrote it: nested records with dots, lists with indexes")
    void namesEveryField() {
        var bad = new Request(
                "v\u00001",
                "in hospital\u0000",
                List.of("north", "so\tuth"),
                Instant.parse("+1000000000-12-31T23:00:00Z"),
                new Rating("GOOD\uFFFF", LocalDate.of(1999, 12, 31)),
                60);
        assertThat(check.problemsOf(bad))
                .extracting(FieldProblem::field)
                .containsExactly("id", "reason", "zones[1]", "at", "rating.overall", "rating.inspectedOn");
    }

    @Test
    @DisplayName("a tab is refused in an id but allowed in a field marked free text")
    void freeTextOnlyWhereMarked() {
        var tabbed = new Request("v\t1", "a\tb", List.of(), null, null, 1);
        assertThat(check.problemsOf(tabbed)).extracting(FieldProblem::field).containsExactly("id");
    }

    @Test
    @DisplayName("a bare text body is checked too, and named 'body'")
    void bareText() {
        assertThat(check.problemsOf("x\u0000")).extracting(FieldProblem::field).containsExactly("body");
    }
}
