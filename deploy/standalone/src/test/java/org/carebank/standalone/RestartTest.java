package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RestartTest {

    @Test
    @DisplayName("after a restart on the same database everything is still there and work carries on")
    void dataSurvivesRestart() {
        String visitId = ApiTestSupport.unique("v");
        var start = ApiTestSupport.minutesFromNow(-20);
        Map<String, Object> schedule;
        String packageId;
        String before;
        try (var service = RunningService.start("restart")) {
            var council = service.as("council");
            var alpha = service.as("alpha");
            council.post(
                    "/api/v1/providers", ApiTestSupport.admission("alpha-care", ApiTestSupport.cqc("GOOD", "GOOD")));
            String workerId = ApiTestSupport.worker(alpha, "alpha-care");
            packageId = ApiTestSupport.activePackage(council, alpha, "alpha-care", "C-restart", true);
            schedule = ApiTestSupport.visit(packageId, workerId, start, 60);
            var scheduled = alpha.put("/api/v1/visits/" + visitId, schedule);
            assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(201);
            assertThat(alpha.post(
                                    "/api/v1/visits/" + visitId + "/check-in",
                                    Map.of("at", start.toString(), "method", "APP_GPS"))
                            .status())
                    .isEqualTo(200);
            ApiTestSupport.eventually(() -> assertThat(alpha.get("/api/v1/visits/" + visitId)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("IN_PROGRESS"));
            before = alpha.get("/api/v1/visits/" + visitId).text();
        }

        try (var service = RunningService.start("restart")) {
            var alpha = service.as("alpha");
            assertThat(alpha.get("/api/v1/visits/" + visitId).text()).isEqualTo(before);
            assertThat(service.as("council")
                            .get("/api/v1/packages/" + packageId)
                            .json()
                            .path("status")
                            .asString())
                    .isEqualTo("ACTIVE");
            // The command side rebuilds the visit from its events: a repeat is recognised, the next step works.
            assertThat(alpha.put("/api/v1/visits/" + visitId, schedule)
                            .json()
                            .path("outcome")
                            .asString())
                    .isEqualTo("ALREADY_RECORDED");
            var checkOut = alpha.post(
                    "/api/v1/visits/" + visitId + "/check-out",
                    Map.of(
                            "at",
                            start.plusSeconds(3600).toString(),
                            "method",
                            "APP_GPS",
                            "endedEarlyAtClientRequest",
                            false));
            assertThat(checkOut.status()).as(checkOut.text()).isEqualTo(200);
            ApiTestSupport.eventually(() -> assertThat(alpha.get("/api/v1/visits/" + visitId)
                            .json()
                            .path("deliveredMinutes")
                            .asInt())
                    .isEqualTo(60));
        }
    }
}
