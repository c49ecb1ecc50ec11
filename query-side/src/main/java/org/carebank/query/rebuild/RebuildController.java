package org.carebank.query.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP side of rebuilding a projection from the events (ADMIN only), and of following its progress: the service
 * ({@link ProjectionRebuilds}) says what happened, this says how the API answers it.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Audit")
class RebuildController {

    private static final String NAME = "[a-z0-9.-]{1,100}";

    private final ProjectionRebuilds rebuilds;

    RebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping
    @Operation(summary = "The projections that can be rebuilt, with where each stands")
    List<RebuildProgress> projections() {
        return rebuilds.names().stream().map(rebuilds::progress).toList();
    }

    @PostMapping("/{name}/rebuild")
    @Operation(
            summary = "Reset a projection and replay every event into it",
            description = "Answers 202 once the replay has started. Until it has passed the head of the store the"
                    + " projection's own API answers 503 with Retry-After (asOf= questions are answered from the"
                    + " events meanwhile). 409 if it is already being rebuilt.")
    ResponseEntity<RebuildProgress> rebuild(
            @PathVariable @Pattern(regexp = NAME) @Parameter(example = "visit-views") String name) {
        var progress = rebuilds.rebuild(name);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/admin/projections/" + name + "/rebuild"))
                .body(progress);
    }

    @PostMapping("/rebuild")
    @Operation(
            summary = "Reset several projections and replay the store into all of them from one read",
            description = "Every projection, or those named by projection=; each is reset and answers 503 until the"
                    + " replay has passed the head of the store, as with a rebuild of one, but the store is read and"
                    + " decoded once for all of them (ADR 0025). Answers 202 with each one's progress; 409 if one of"
                    + " them is already being rebuilt (nothing is reset then); 404 for an unknown name.")
    ResponseEntity<List<RebuildProgress>> rebuildTogether(
            @RequestParam(name = "projection", required = false) List<@Pattern(regexp = NAME) String> projections) {
        var progress = rebuilds.rebuildTogether(projections == null ? List.of() : projections);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/admin/projections"))
                .body(progress);
    }

    @GetMapping("/{name}/rebuild")
    @Operation(summary = "Progress of the latest rebuild: position, total, events per second, state")
    RebuildProgress progress(@PathVariable @Pattern(regexp = NAME) String name) {
        return rebuilds.progress(name);
    }

    @ExceptionHandler(RebuildInProgressException.class)
    ResponseEntity<ProblemDetail> inProgress(RebuildInProgressException e) {
        return Problems.response(Refusal.conflict("rebuild-in-progress", e.getMessage()));
    }

    /** 503, not 500: the projection answers as before, and the rebuild may be asked for again. */
    @ExceptionHandler(RebuildFailedException.class)
    ResponseEntity<ProblemDetail> failed(RebuildFailedException e) {
        return Problems.response(new Refusal("rebuild-failed", 503, "Rebuild failed", e.getMessage(), Map.of()));
    }
}
