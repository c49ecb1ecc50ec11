package org.carebank.query.carepackage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.carepackage.PackageStatus;
import org.carebank.query.audit.UpcastEventReader;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/packages")
@Tag(name = "Providers, workers, packages")
@ReadsProjection(PackageProjection.PROCESSING_GROUP)
class PackageQueryController {

    private final PackageTable table;
    private final UpcastEventReader history;

    PackageQueryController(PackageTable table, UpcastEventReader history) {
        this.table = table;
        this.history = history;
    }

    @GetMapping("/{packageId}")
    @Operation(
            summary = "One care package with its status, provider and offers",
            description = "With asOf= the package as recorded up to that instant, folded from its events.")
    PackageView carePackage(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String packageId,
            @RequestParam(required = false) Instant asOf) {
        Caller caller = Callers.current();
        var found = asOf != null
                ? PackageFold.fold(history.upTo(StreamIds.carePackage(packageId), asOf))
                : table.byIds(List.of(packageId)).values().stream().findFirst();
        return found.filter(view -> view.visibleTo(caller))
                .map(view -> view.seenBy(caller))
                .orElseThrow(() -> new NotFoundException("unknown-package", "No package " + packageId + "."));
    }

    @GetMapping
    @Operation(summary = "Care packages, optionally of one provider or status")
    List<PackageView> packages(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) PackageStatus status) {
        Caller caller = Callers.current();
        return table.list(caller.providerId(), providerId, status).stream()
                .map(view -> view.seenBy(caller))
                .toList();
    }
}
