package org.carebank.query.provider;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.caller.Caller;
import org.carebank.query.asof.AsOfReplay;
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
@RequestMapping("/api/v1/providers")
@Tag(name = "Providers, workers, packages")
@ReadsProjection(ProviderProjection.PROCESSING_GROUP)
class ProviderQueryController {

    private final ProviderTable table;
    private final UpcastEventReader history;
    private final AsOfReplay replay;

    ProviderQueryController(ProviderTable table, UpcastEventReader history, AsOfReplay replay) {
        this.table = table;
        this.history = history;
        this.replay = replay;
    }

    @GetMapping
    @Operation(
            summary = "Providers on the approved list (a provider user sees its own only)",
            description = "With asOf= (an instant) the list as it stood then, from the events recorded up to it.")
    List<ProviderView> providers(@RequestParam(required = false) Instant asOf) {
        Caller caller = Callers.current();
        return replay.read(
                asOf,
                ProviderQueryController.class,
                table,
                ProviderTable.class,
                t -> caller.providerId() == null
                        ? t.all()
                        : t.byIds(List.of(caller.providerId())).values().stream()
                                .toList());
    }

    @GetMapping("/{providerId}")
    @Operation(
            summary = "One provider: list status and CQC ratings",
            description = "With asOf= the provider as recorded up to that instant, folded from its events.")
    ProviderView provider(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) Instant asOf) {
        if (asOf != null) {
            if (!Callers.current().mayActFor(providerId)) {
                throw unknown(providerId);
            }
            return ProviderFold.fold(history.upTo(StreamIds.provider(providerId), asOf))
                    .orElseThrow(() -> unknown(providerId));
        }
        return visible(providerId);
    }

    @GetMapping("/{providerId}/workers")
    @Operation(
            summary = "The provider's registered workers",
            description = "With asOf= (an instant) the workers as registered then, from the events recorded up to it.")
    List<WorkerView> workers(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) Instant asOf) {
        return replay.read(asOf, ProviderQueryController.class, table, ProviderTable.class, t -> {
            visible(t, providerId);
            return t.workers(providerId);
        });
    }

    private ProviderView visible(String providerId) {
        return visible(table, providerId);
    }

    private static ProviderView visible(ProviderTable table, String providerId) {
        if (!Callers.current().mayActFor(providerId)) {
            throw unknown(providerId);
        }
        return table.byIds(List.of(providerId)).values().stream().findFirst().orElseThrow(() -> unknown(providerId));
    }

    private static NotFoundException unknown(String providerId) {
        return new NotFoundException("unknown-provider", "No provider " + providerId + ".");
    }
}
