package org.carebank.command.visit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.carebank.command.web.FreeText;
import org.carebank.kernel.visit.EcmMethod;

/** The bodies of the requests that record a visit happening: check-in, check-out, a delivery without ECM. */
final class AttendanceRequests {

    private AttendanceRequests() {}

    record CheckIn(
            @NotNull Instant at,
            @NotNull EcmMethod method,
            @FreeText @Size(max = 500) String reason,
            @Valid GeoPoint location) {}

    record CheckOut(
            @NotNull Instant at,
            @NotNull EcmMethod method,
            @NotNull Boolean endedEarlyAtClientRequest,
            @FreeText @Size(max = 500) String reason) {}

    record Delivery(
            @NotNull Instant startedAt,
            @NotNull @Min(1) @Max(1440) Integer deliveredMinutes,
            @NotNull Boolean endedEarlyAtClientRequest,
            @FreeText @NotBlank @Size(max = 500) String reason) {}
}
