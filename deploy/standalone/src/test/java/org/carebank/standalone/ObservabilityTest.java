package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ObservabilityTest extends ApiTestSupport {

    @Test
    @DisplayName(
            "Axon's and the domain's meters reach the Prometheus endpoint, and health reports UP without credentials")
    void axonMetersOnPrometheus() {
        admitted(ALPHA);
        var anonymous = new Api(port, null);
        var prometheus = anonymous.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.text())
                .contains("commandBus_successCounter_total")
                .contains("eventStore_ingestedCounter_total")
                .contains("eventProcessor_latency");
        var refused = council().post("/api/v1/providers", admission(unique("p"), cqc("INADEQUATE", "GOOD")));
        assertThat(refused.status()).isEqualTo(422);
        var roster = alphaRoster();
        scheduled(roster, minutesFromNow(600), 60);
        String metrics = anonymous.get("/actuator/prometheus").text();
        assertThat(metrics)
                .contains(
                        "carebank_commands_refused_total{application=\"carebank\",type=\"provider-below-minimum-rating\"}");
        assertThat(metrics).contains("carebank_visits_total{application=\"carebank\",outcome=\"scheduled\"}");
        var health = anonymous.get("/actuator/health");
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
    }

    @Test
    @DisplayName("the OpenAPI document describes the command and query API")
    void openApiDescribesTheApi() {
        var doc = new Api(port, null).get("/v3/api-docs").json();
        assertThat(doc.path("paths").has("/api/v1/visits/{visitId}")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/rosters")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/providers/{providerId}/cqc-ratings"))
                .isTrue();
    }
}
