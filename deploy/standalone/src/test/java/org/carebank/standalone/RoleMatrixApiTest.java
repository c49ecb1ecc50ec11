package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every endpoint against every role, in one table: who may call it at all (scoping has its own tests). */
class RoleMatrixApiTest extends ApiTestSupport {

    private static final Set<String> ALL = Set.of("council", "alpha", "auditor", "admin");
    private static final Set<String> COUNCIL = Set.of("council");
    private static final Set<String> ROSTER = Set.of("council", "alpha");
    private static final Set<String> AUDIT = Set.of("council", "auditor", "admin");
    private static final Set<String> ADMIN = Set.of("admin");

    record Endpoint(String method, String path, Set<String> allowed) {}

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/providers", COUNCIL),
            new Endpoint("POST", "/api/v1/providers/alpha-care/cqc-ratings", COUNCIL),
            new Endpoint("POST", "/api/v1/providers/alpha-care/workers", ROSTER),
            new Endpoint("GET", "/api/v1/providers", ALL),
            new Endpoint("GET", "/api/v1/providers/alpha-care", ALL),
            new Endpoint("GET", "/api/v1/providers/alpha-care/workers", ALL),
            new Endpoint("POST", "/api/v1/packages", COUNCIL),
            new Endpoint("POST", "/api/v1/packages/pkg-x/offers", COUNCIL),
            new Endpoint("POST", "/api/v1/packages/pkg-x/acceptance", ROSTER),
            new Endpoint("POST", "/api/v1/packages/pkg-x/declines", ROSTER),
            new Endpoint("POST", "/api/v1/packages/pkg-x/hand-back", ROSTER),
            new Endpoint("GET", "/api/v1/packages", ALL),
            new Endpoint("GET", "/api/v1/packages/pkg-x", ALL),
            new Endpoint("PUT", "/api/v1/visits/v-x", ROSTER),
            new Endpoint("POST", "/api/v1/rosters", ROSTER),
            new Endpoint("POST", "/api/v1/visits/v-x/reschedule", ROSTER),
            new Endpoint("POST", "/api/v1/visits/v-x/reassignment", ROSTER),
            new Endpoint("POST", "/api/v1/visits/v-x/cancellation", ROSTER),
            new Endpoint("POST", "/api/v1/visits/v-x/check-in", ROSTER),
            new Endpoint("POST", "/api/v1/visits/v-x/check-out", ROSTER),
            new Endpoint("POST", "/api/v1/visits/v-x/delivery", ROSTER),
            new Endpoint("GET", "/api/v1/visits", ALL),
            new Endpoint("GET", "/api/v1/visits/v-x", ALL),
            new Endpoint("POST", "/api/v1/clients/C-x/time-bank/deposits", ROSTER),
            new Endpoint("POST", "/api/v1/clients/C-x/time-bank/withdrawals", ROSTER),
            new Endpoint("POST", "/api/v1/clients/C-x/time-bank/adjustments", COUNCIL),
            new Endpoint("GET", "/api/v1/clients/C-x/time-bank", ALL),
            new Endpoint("GET", "/api/v1/clients/C-x/time-bank/ledger", ALL),
            new Endpoint("GET", "/api/v1/time-banks", ALL),
            // Payments (issue 18): council commands, readable by every role (a provider its own)
            new Endpoint("POST", "/api/v1/packages/pkg-x/rates", COUNCIL),
            new Endpoint("GET", "/api/v1/packages/pkg-x/rates", ALL),
            new Endpoint("POST", "/api/v1/rate-reviews", COUNCIL),
            new Endpoint("POST", "/api/v1/providers/alpha-care/billing-rule", COUNCIL),
            new Endpoint("POST", "/api/v1/providers/alpha-care/statements", COUNCIL),
            new Endpoint("GET", "/api/v1/providers/alpha-care/statements", ALL),
            new Endpoint("GET", "/api/v1/providers/alpha-care/statement-preview?from=2026-11-01&to=2026-11-30", ALL),
            new Endpoint("POST", "/api/v1/visits/v-x/exception-acceptance", COUNCIL),
            new Endpoint("GET", "/api/v1/audit/streams/visit:v-x", AUDIT),
            new Endpoint("GET", "/api/v1/audit/events?limit=1", AUDIT),
            new Endpoint("POST", "/api/v1/admin/projections/no-such-view/rebuild", ADMIN),
            new Endpoint("GET", "/api/v1/admin/projections/no-such-view/rebuild", ADMIN));

    @Test
    @DisplayName("each role reaches exactly the endpoints it may use; anonymous callers none")
    void roleMatrix() {
        var wrong = new ArrayList<String>();
        for (var endpoint : ENDPOINTS) {
            for (String user : ALL) {
                int status = call(as(user), endpoint);
                boolean allowed = endpoint.allowed().contains(user);
                boolean refused = status == 403;
                if (allowed == refused || status == 401 || status >= 500) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + user + ": " + status);
                }
            }
            int anonymous = call(new Api(port, null), endpoint);
            if (anonymous != 401) {
                wrong.add(endpoint.method() + " " + endpoint.path() + " anonymously: " + anonymous);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    @DisplayName("a method no endpoint takes is 405 for every role, anonymous callers 401")
    void unknownMethod() {
        for (String user : ALL) {
            var response = as(user).send("DELETE", "/api/v1/visits/v-x");
            assertThat(response.status()).as(user).isEqualTo(405);
            assertThat(response.problemType()).isEqualTo("/problems/method-not-allowed");
        }
        assertThat(new Api(port, null).send("DELETE", "/api/v1/visits/v-x").status())
                .isEqualTo(401);
    }

    private static int call(Api api, Endpoint endpoint) {
        return switch (endpoint.method()) {
            case "GET" -> api.get(endpoint.path()).status();
            case "PUT" -> api.put(endpoint.path(), Map.of()).status();
            case "POST" -> api.post(endpoint.path(), Map.of()).status();
            default -> api.send(endpoint.method(), endpoint.path()).status();
        };
    }
}
