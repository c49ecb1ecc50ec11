package org.carebank.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.refusal.Refusal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each kind of refusal becomes the problem the API contract names: its status, type, title, detail and members. */
class ProblemsTest {

    @Test
    @DisplayName("not found: 404 /problems/<type>, title 'Not found', the detail as given, no extra member")
    void notFound() {
        var problem = Problems.of(Refusal.notFound("visit-not-found", "No visit v-1."));

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType()).isEqualTo(URI.create("/problems/visit-not-found"));
        assertThat(problem.getTitle()).isEqualTo("Not found");
        assertThat(problem.getDetail()).isEqualTo("No visit v-1.");
        assertThat(problem.getProperties()).isNull();
    }

    @Test
    @DisplayName("conflict: 409 'Conflicting state'")
    void conflict() {
        var problem = Problems.of(Refusal.conflict("visit-already-checked-in", "Visit v-1 is checked in."));

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getType()).isEqualTo(URI.create("/problems/visit-already-checked-in"));
        assertThat(problem.getTitle()).isEqualTo("Conflicting state");
    }

    @Test
    @DisplayName("business rule: 422, and the rule's own fields (the headroom left) as members of the problem")
    void ruleWithProperties() {
        var problem = Problems.of(Refusal.rule("time-bank-cap-exceeded", "Over the cap.")
                .with("headroomMinutes", 0)
                .with("capMinutes", 600));

        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getTitle()).isEqualTo("Business rule refused the command");
        assertThat(problem.getProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("headroomMinutes", 0, "capMinutes", 600));
    }

    @Test
    @DisplayName("a refusal of the edge (400 with errors[], 429, 503, 501): any status, the errors list kept as it is")
    void anyStatus() {
        var errors = List.of(Map.of("field", "plannedStart", "message", "must not be null"));
        var invalid = Problems.of(
                new Refusal("invalid-request", 400, "Invalid request", "1 rule.", Map.of("errors", errors)));
        assertThat(invalid.getStatus()).isEqualTo(400);
        assertThat(invalid.getProperties()).containsEntry("errors", errors);

        for (int status : new int[] {429, 501, 503}) {
            var problem = Problems.of(new Refusal("t", status, "T", "d", Map.of()));
            assertThat(problem.getStatus()).isEqualTo(status);
            assertThat(problem.getType()).isEqualTo(URI.create("/problems/t"));
        }
    }

    @Test
    @DisplayName("as a controller's answer and as an exception: the same status and the same problem")
    void responseAndException() {
        var refusal = new Refusal("hash-chain-not-kept", 501, "Hash chain not kept", "Not here.", Map.of());

        var response = Problems.response(refusal);
        assertThat(response.getStatusCode().value()).isEqualTo(501);
        assertThat(response.getBody()).isEqualTo(Problems.of(refusal));

        var exception = Problems.exception(refusal);
        assertThat(exception.getStatusCode().value()).isEqualTo(501);
        assertThat(exception.getBody()).isEqualTo(Problems.of(refusal));
    }
}
