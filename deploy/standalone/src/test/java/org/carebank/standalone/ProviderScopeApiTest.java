package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A provider never sees or changes another provider's data: it gets the 404 an unknown id gets. */
class ProviderScopeApiTest extends ApiTestSupport {

    @Test
    @DisplayName("a provider cannot read or change another provider's visit, package or provider record")
    void providersAreScoped() {
        var roster = alphaRoster();
        admitted(BETA);
        var start = minutesFromNow(-15);
        String visitId = scheduled(roster, start, 60);
        eventually(() ->
                assertThat(alpha().get("/api/v1/visits/" + visitId).status()).isEqualTo(200));

        assertThat(beta().get("/api/v1/visits/" + visitId).status()).isEqualTo(404);
        assertThat(beta().get("/api/v1/packages/" + roster.packageId()).status())
                .isEqualTo(404);
        assertThat(beta().get("/api/v1/providers/" + ALPHA).status()).isEqualTo(404);
        assertThat(beta().get("/api/v1/visits?providerId=" + ALPHA)
                        .json()
                        .path("total")
                        .asLong())
                .isZero();

        long before = eventCount();
        var checkIn = beta().post(
                        "/api/v1/visits/" + visitId + "/check-in", Map.of("at", start.toString(), "method", "APP_GPS"));
        assertThat(checkIn.status()).isEqualTo(404);
        var schedule =
                beta().put("/api/v1/visits/" + unique("v"), visit(roster.packageId(), roster.workerId(), start, 60));
        assertThat(schedule.status()).isEqualTo(404);
        var worker = beta().post(
                        "/api/v1/providers/" + ALPHA + "/workers",
                        Map.of(
                                "workerId",
                                unique("w"),
                                "contractType",
                                "ZERO_HOURS",
                                "travelMode",
                                "CAR",
                                "hourlyPayPence",
                                1300));
        assertThat(worker.status()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    @DisplayName("commissioning is the council's: a provider or an auditor gets 403, anonymous 401")
    void rolesGuardCommands() {
        var body = admission(unique("p"), cqc("GOOD", "GOOD"));
        assertThat(alpha().post("/api/v1/providers", body).status()).isEqualTo(403);
        assertThat(as("auditor").post("/api/v1/providers", body).status()).isEqualTo(403);
        var anonymous = new Api(port, null).get("/api/v1/providers");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).isTrue();
        assertThat(as("auditor").get("/api/v1/providers").status()).isEqualTo(200);
    }
}
