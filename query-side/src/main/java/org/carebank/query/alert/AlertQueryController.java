package org.carebank.query.alert;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.carebank.kernel.Ids;
import org.carebank.kernel.alert.AlertKind;
import org.carebank.kernel.alert.AlertStatus;
import org.carebank.kernel.caller.Caller;
import org.carebank.query.asof.AsOfReplay;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.web.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts")
@ReadsProjection(AlertProjection.PROCESSING_GROUP)
class AlertQueryController {

    private final AlertTable table;
    private final AsOfReplay replay;

    AlertQueryController(AlertTable table, AsOfReplay replay) {
        this.table = table;
        this.replay = replay;
    }

    @GetMapping
    @Operation(
            summary = "Alerts, oldest first: a provider sees its own, the council and auditors every provider's",
            description =
                    "Filters: providerId, status, kind, open=true (not resolved), raised in [from, to). With asOf= (an instant) the answer as published then, from the events recorded up to it.")
    List<AlertView> alerts(
            @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String providerId,
            @RequestParam(required = false) AlertStatus status,
            @RequestParam(required = false) AlertKind kind,
            @RequestParam(required = false) Boolean open,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit,
            @RequestParam(required = false) Instant asOf) {
        Caller caller = Callers.current();
        var filter = new AlertTable.Filter(caller.providerId(), providerId, status, kind, open, from, to);
        return replay.read(asOf, AlertQueryController.class, table, AlertTable.class, t -> t.list(filter, limit));
    }
}
