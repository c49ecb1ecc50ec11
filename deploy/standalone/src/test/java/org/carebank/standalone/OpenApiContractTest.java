package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The served {@code /v3/api-docs}, read with swagger-parser as a client generator reads it. Every operation, including
 * those added after this test was written, must carry its problem answers in the ProblemDetail shape, a security
 * requirement, typed answers (never {@code *}{@code /*}) and a readable operation id; commands must take
 * Idempotency-Key, and queries Carebank-Position. Each failure names the operation.
 */
class OpenApiContractTest extends ApiTestSupport {

    private OpenAPI api;
    private final List<String> problems = new ArrayList<>();

    @BeforeEach
    void parse() {
        var served = new Api(port, null).get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        var options = new ParseOptions();
        options.setResolve(false);
        var result = new OpenAPIV3Parser().readContents(served.text(), null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        api = result.getOpenAPI();
        assertThat(api).isNotNull();
    }

    @Test
    @DisplayName("the document names the API and its version and offers HTTP Basic and bearer tokens (Authorize)")
    void infoAndSecuritySchemes() {
        assertThat(api.getInfo().getTitle()).isEqualTo("Carebank API");
        assertThat(api.getInfo().getVersion()).isEqualTo("v1");
        assertThat(api.getInfo().getDescription()).contains("Carebank-Position");
        var schemes = api.getComponents().getSecuritySchemes();
        assertThat(schemes.get("basicAuth").getScheme()).isEqualTo("basic");
        assertThat(schemes.get("bearerAuth").getScheme()).isEqualTo("bearer");
        assertThat(api.getComponents().getSchemas().get("ProblemDetail").getProperties())
                .containsKeys("type", "title", "status", "detail");
    }

    @Test
    @DisplayName("every operation has a readable unique id, a security requirement, typed answers and its problems")
    void everyOperationFollowsTheConventions() {
        var ids = new HashMap<String, String>();
        int operations = 0;
        for (var path : api.getPaths().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (var entry : path.getValue().readOperationsMap().entrySet()) {
                operations++;
                String name = entry.getKey() + " " + path.getKey();
                Operation operation = entry.getValue();
                check(name, path.getKey(), entry.getKey(), operation);
                String earlier = ids.put(operation.getOperationId(), name);
                expect(earlier == null, name, "shares operation id " + operation.getOperationId() + " with " + earlier);
            }
        }
        assertThat(operations).as("operations under /api/").isGreaterThan(40);
        assertThat(problems).as("operations breaking the conventions").isEmpty();
    }

    @Test
    @DisplayName("roster lines are typed as schedule lines, /live is an event stream, no Jackson internals are shown")
    void rosterLinesAndLiveAreTyped() {
        var roster = api.getPaths().get("/api/v1/rosters").getPost();
        Schema<?> body = resolve(
                roster.getRequestBody().getContent().get("application/json").getSchema());
        Schema<?> visits = body.getProperties().get("visits");
        assertThat(visits.getItems().get$ref()).endsWith("/RosterLine");
        assertThat(api.getComponents().getSchemas()).doesNotContainKeys("JsonNode", "SseEmitter");

        var live = api.getPaths().get("/api/v1/live").getGet().getResponses().get("200");
        assertThat(live.getContent()).containsOnlyKeys("text/event-stream");
        Schema<?> events = live.getContent().get("text/event-stream").getSchema();
        assertThat(events.getTypes() != null ? events.getTypes() : java.util.Set.of(events.getType()))
                .containsExactly("string");
    }

    private void check(String name, String path, PathItem.HttpMethod method, Operation operation) {
        String id = operation.getOperationId();
        expect(id != null && id.matches("[a-z][A-Za-z0-9]*") && !id.matches(".*\\d$"), name, "operation id " + id);
        expect(
                operation.getSecurity() != null
                        && operation.getSecurity().stream().anyMatch(r -> r.containsKey("basicAuth"))
                        && operation.getSecurity().stream().anyMatch(r -> r.containsKey("bearerAuth")),
                name,
                "no basic and bearer security requirement");

        boolean command = method != PathItem.HttpMethod.GET;
        boolean admin = path.startsWith("/api/v1/admin/");
        var expected = new ArrayList<>(List.of("400", "401", "403", "429", "503"));
        if (path.contains("{")) {
            expected.add("404");
        }
        if (command) {
            expected.add("409");
            if (!admin) {
                expected.add("422");
            }
            if (operation.getRequestBody() != null) {
                expected.add("413");
            }
        }
        for (String status : expected) {
            ApiResponse response = operation.getResponses().get(status);
            expect(response != null && isProblem(response), name, status + " is not a ProblemDetail answer");
        }

        var success = operation.getResponses().entrySet().stream()
                .filter(e -> e.getKey().startsWith("2"))
                .toList();
        expect(!success.isEmpty(), name, "no 2xx answer");
        for (var answer : success) {
            var content = answer.getValue().getContent();
            if ("204".equals(answer.getKey())) {
                continue;
            }
            expect(content != null && !content.isEmpty(), name, answer.getKey() + " has no content");
            if (content == null) {
                continue;
            }
            for (var media : content.entrySet()) {
                expect(!media.getKey().contains("*"), name, answer.getKey() + " answers " + media.getKey());
                expect(isTyped(media.getValue()), name, answer.getKey() + " " + media.getKey() + " has no schema");
            }
            if (command && !admin && method != PathItem.HttpMethod.DELETE) {
                expect(
                        answer.getValue().getHeaders() != null
                                && answer.getValue().getHeaders().containsKey("Carebank-Position"),
                        name,
                        answer.getKey() + " does not document Carebank-Position");
            }
        }
        if (command && !admin && method != PathItem.HttpMethod.DELETE) {
            expect(hasHeader(operation, "Idempotency-Key"), name, "no Idempotency-Key header");
        }
        if (!command) {
            expect(hasHeader(operation, "Carebank-Position"), name, "no Carebank-Position header");
        }
    }

    private boolean isProblem(ApiResponse response) {
        ApiResponse resolved = response.get$ref() == null
                ? response
                : api.getComponents().getResponses().get(last(response.get$ref()));
        if (resolved == null || resolved.getContent() == null) {
            return false;
        }
        MediaType problem = resolved.getContent().get("application/problem+json");
        return problem != null
                && problem.getSchema() != null
                && Objects.equals(problem.getSchema().get$ref(), "#/components/schemas/ProblemDetail");
    }

    private static boolean isTyped(MediaType media) {
        Schema<?> schema = media.getSchema();
        return schema != null && (schema.get$ref() != null || schema.getType() != null || schema.getTypes() != null);
    }

    private static boolean hasHeader(Operation operation, String header) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        return parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && header.equalsIgnoreCase(p.getName()));
    }

    private Schema<?> resolve(Schema<?> schema) {
        return schema.get$ref() == null
                ? schema
                : api.getComponents().getSchemas().get(last(schema.get$ref()));
    }

    private static String last(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private void expect(boolean holds, String operation, String problem) {
        if (!holds) {
            problems.add(operation + ": " + problem);
        }
    }
}
