package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OpenAPI at /v3/api-docs describes every Wave 2 endpoint, with its problem responses. */
class OpenApiAcceptanceTest extends AcceptanceSupport {

    @Test
    @DisplayName("every Wave 2 path is in OpenAPI")
    void wave2PathsDescribed() {
        var docs = council().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        var paths = docs.json().path("paths");
        // Path variable names are read from the contract's own spelling.
        for (String path : List.of(
                "/api/v1/packages/{packageId}/rates",
                "/api/v1/rate-reviews",
                "/api/v1/providers/{providerId}/billing-rule",
                "/api/v1/providers/{providerId}/statement-preview",
                "/api/v1/providers/{providerId}/statements",
                "/api/v1/providers/{providerId}/statements/{statementId}",
                "/api/v1/visits/{visitId}/exception-acceptance",
                "/api/v1/visits/{visitId}/amendments",
                "/api/v1/visits/{visitId}/amendments/{amendmentId}/approval",
                "/api/v1/visits/{visitId}/amendments/{amendmentId}/rejection",
                "/api/v1/amendments",
                "/api/v1/alerts",
                "/api/v1/alerts/{alertId}/acknowledgement",
                "/api/v1/alerts/{alertId}/resolution",
                "/api/v1/webhooks",
                "/api/v1/webhooks/{subscriptionId}/deliveries",
                "/api/v1/unmet-need",
                "/api/v1/imports/visits",
                "/api/v1/providers/{providerId}/workers/{workerId}/pay",
                "/api/v1/providers/{providerId}/workers/{workerId}/leaving",
                "/api/v1/providers/{providerId}/workers/{workerId}/qualifications",
                "/api/v1/providers/{providerId}/action-plans",
                "/api/v1/providers/{providerId}/action-plans/{planId}/completion")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }

    @Test
    @DisplayName("the new refusals are described as problem responses of their endpoints")
    void wave2ProblemsDescribed() {
        var paths = council().get("/v3/api-docs").json().path("paths");
        assertThat(paths.path("/api/v1/providers/{providerId}/statements")
                        .path("post")
                        .path("responses")
                        .has("422"))
                .isTrue();
        assertThat(paths.path("/api/v1/visits/{visitId}/amendments")
                        .path("post")
                        .path("responses")
                        .has("422"))
                .isTrue();
        assertThat(paths.path("/api/v1/webhooks").path("post").toString()).contains("422");
    }
}
