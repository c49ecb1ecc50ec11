package org.carebank.query.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.carebank.query.rebuild.ReadsProjection;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers the red/amber/green thresholds of the council dashboard, from settings, for the page to colour its tables. */
@RestController
@Tag(name = "Dashboards")
// Settings, not a projection: a query sent with Carebank-Position has nothing to wait for.
@ReadsProjection({})
class DashboardThresholdsController {

    /** Green at or below the first bound (above it for on-time), amber up to the second, red beyond. */
    @ConfigurationProperties("carebank.dashboard.rag")
    record Thresholds(
            @DefaultValue("2") double missedGreenMaxPercent,
            @DefaultValue("5") double missedAmberMaxPercent,
            @DefaultValue("90") double onTimeGreenMinPercent,
            @DefaultValue("80") double onTimeAmberMinPercent) {}

    private final Thresholds thresholds;

    DashboardThresholdsController(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @GetMapping("/api/v1/dashboard/thresholds")
    @Operation(summary = "Red/amber/green thresholds the dashboard colours providers by")
    Thresholds thresholds() {
        return thresholds;
    }
}
