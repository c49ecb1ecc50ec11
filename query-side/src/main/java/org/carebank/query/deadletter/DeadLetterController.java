package org.carebank.query.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The events the projections parked (ADR 0010), for ADMIN: list them, retry them after a fix, or evict them. */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@Tag(name = "Audit")
class DeadLetterController {

    private static final String NAME = "[a-z0-9.-]{1,100}";
    private static final String SEQUENCE = "[A-Za-z0-9:._@-]{1,255}";

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(
            summary = "Every projection's parked events, sequence by sequence (no payload)",
            description = "A projection parks an event it cannot write, and the later events of the same aggregate"
                    + " behind it, and goes on with the others.")
    Map<String, List<DeadLetters.Letter>> list() {
        return deadLetters.list();
    }

    @GetMapping("/{processingGroup}")
    @Operation(summary = "One projection's parked events")
    List<DeadLetters.Letter> list(
            @PathVariable @Pattern(regexp = NAME) @Parameter(example = "visit-views") String processingGroup) {
        return deadLetters.list(processingGroup);
    }

    @PostMapping("/{processingGroup}/retry")
    @Operation(
            summary = "Process the projection's parked sequences again (after a fix)",
            description = "Each sequence is tried once: written and removed when its events now succeed, kept with one"
                    + " more attempt counted when they still fail.")
    DeadLetters.Retried retry(@PathVariable @Pattern(regexp = NAME) String processingGroup) {
        return deadLetters.retry(processingGroup);
    }

    @DeleteMapping("/{processingGroup}/{sequenceId}")
    @Operation(
            summary = "Evict a parked sequence without writing it",
            description = "Its events stay in the store; the projection will not show them until it is rebuilt.")
    ResponseEntity<Void> evict(
            @PathVariable @Pattern(regexp = NAME) String processingGroup,
            @PathVariable @Pattern(regexp = SEQUENCE) String sequenceId) {
        deadLetters.evict(processingGroup, sequenceId);
        return ResponseEntity.noContent().build();
    }
}
