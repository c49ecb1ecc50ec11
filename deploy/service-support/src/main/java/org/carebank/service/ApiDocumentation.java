package org.carebank.service;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.carebank.kernel.audit.FeedPosition;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The conventions of {@code /v3/api-docs}, applied to every operation by rule (HTTP method and path) rather than
 * annotated on each endpoint, so an endpoint added later is documented the same way without a line of its own: the
 * security schemes (HTTP Basic and bearer tokens) and their requirement, the problem answers in the {@code ProblemDetail}
 * shape, {@code Idempotency-Key} on commands, {@code Carebank-Position} on commands' answers and on queries (ADR 0020),
 * and no untyped {@code *}{@code /*} media type. {@code OpenApiContractTest} parses the served document and fails an
 * operation that misses any of it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PROBLEM_SCHEMA = "ProblemDetail";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";

    /** Problem answers by status, each the contract's meaning of it (docs/api.md, "Errors"). */
    private static final Map<String, String> PROBLEMS = problems();

    static {
        // Raw JSON (event payloads, metadata, roster lines before they are read) is any JSON value, not Jackson's
        // node classes; an event stream is text. Without this springdoc documents their Java internals.
        var anyJson = new Schema<>().description("Any JSON value");
        for (Class<?> node : List.of(
                tools.jackson.databind.JsonNode.class,
                tools.jackson.databind.node.ObjectNode.class,
                tools.jackson.databind.node.ArrayNode.class,
                com.fasterxml.jackson.databind.JsonNode.class,
                com.fasterxml.jackson.databind.node.ObjectNode.class)) {
            SpringDocUtils.getConfig().replaceWithSchema(node, anyJson);
        }
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        org.springframework.web.servlet.mvc.method.annotation.SseEmitter.class, new StringSchema());
    }

    @Bean
    OpenAPI carebankOpenApi() {
        var components = new Components()
                .addSecuritySchemes(
                        "basicAuth",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("A local user (council, provider, auditor, admin)"))
                .addSecuritySchemes(
                        "bearerAuth",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description(
                                        "A JWT from the council's identity provider, or minted locally (mint-token)"))
                .addSchemas(PROBLEM_SCHEMA, problemSchema());
        PROBLEMS.forEach((status, description) -> components.addResponses(
                responseName(status),
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        PROBLEM_JSON,
                                        new MediaType()
                                                .schema(new Schema<>()
                                                        .$ref("#/components/schemas/" + PROBLEM_SCHEMA))))));
        return new OpenAPI()
                .info(new Info()
                        .title("Carebank API")
                        .version("v1")
                        .description("The system of record for home care visits that councils buy from providers:"
                                + " commands (201/200 once their events are stored; the same command again is safe)"
                                + " and queries over projections of the events. Errors are RFC 9457 problems"
                                + " (application/problem+json) with a stable `type`. Every command answer carries"
                                + " `Carebank-Position`; send it back on a query to read your own writes. The contract:"
                                + " docs/api.md."))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList("basicAuth"))
                .addSecurityItem(new SecurityRequirement().addList("bearerAuth"));
    }

    /** Applied to the whole document once springdoc has built it, so it sees every operation of every controller. */
    @Bean
    GlobalOpenApiCustomizer carebankConventions() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> applyConventions(path, method, operation)));
            // Components springdoc derived from classes (Spring's ProblemDetail among them) give way to the contract's.
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        };
    }

    /**
     * Operation ids a client generator turns into method names: the controller method's name, or, when two
     * controllers use the same name, the controller's feature before it ({@code visitQuery}, {@code visitCommand}),
     * never springdoc's {@code providers_1}.
     */
    @Bean
    OperationCustomizer readableOperationIds(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
        var names = new java.util.concurrent.atomic.AtomicReference<Map<String, Long>>();
        return (operation, handler) -> {
            Map<String, Long> counts = names.updateAndGet(known -> known != null
                    ? known
                    : mappings.getObject().getHandlerMethods().values().stream()
                            .map(h -> h.getMethod().getName())
                            .collect(Collectors.groupingBy(name -> name, Collectors.counting())));
            operation.setOperationId(operationId(handler, counts));
            return operation;
        };
    }

    static String operationId(HandlerMethod handler, Map<String, Long> nameCounts) {
        String name = handler.getMethod().getName();
        if (nameCounts.getOrDefault(name, 1L) <= 1) {
            return name;
        }
        String feature = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
        String id = Character.toLowerCase(feature.charAt(0)) + feature.substring(1) + capitalized(name);
        // Two methods of one controller with one name (a list and a list of one part): the path variables tell them
        // apart.
        var pathVariables = java.util.Arrays.stream(handler.getMethodParameters())
                .filter(parameter ->
                        parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class))
                .map(parameter -> capitalized(Objects.requireNonNullElse(parameter.getParameterName(), "")))
                .collect(Collectors.joining("And"));
        return pathVariables.isEmpty() ? id : id + "By" + pathVariables;
    }

    private static String capitalized(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A handler that answers no body ({@code ResponseEntity<Void>}) answers 204, not springdoc's empty 200. */
    @Bean
    OperationCustomizer noContentAnswers() {
        return (operation, handler) -> {
            var returned = handler.getReturnType().getGenericParameterType();
            boolean noBody = handler.getMethod().getReturnType() == void.class
                    || returned.getTypeName().equals("org.springframework.http.ResponseEntity<java.lang.Void>");
            ApiResponses responses = operation.getResponses();
            if (noBody && responses != null && responses.containsKey("200")) {
                ApiResponse ok = responses.remove("200");
                responses.addApiResponse("204", ok.content(null).description("No Content"));
            }
            return operation;
        };
    }

    static void applyConventions(String path, PathItem.HttpMethod method, Operation operation) {
        if (!path.startsWith("/api/")) {
            return;
        }
        boolean command = method == PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.DELETE;
        boolean admin = path.startsWith("/api/v1/admin/");
        operation.setSecurity(List.of(
                new SecurityRequirement().addList("basicAuth"), new SecurityRequirement().addList("bearerAuth")));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        typed(responses);

        var statuses = new ArrayList<>(List.of("400", "401", "403", "429"));
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (command) {
            statuses.add("409");
            if (operation.getRequestBody() != null) {
                statuses.add("413");
            }
            if (!admin) {
                statuses.add("422");
            }
        }
        statuses.add("503");
        for (String status : statuses) {
            ApiResponse declared = responses.get(status);
            if (declared != null && declared.get$ref() == null && declared.getDescription() != null) {
                // The endpoint names its own problem types for this status: keep them, answered as a ProblemDetail.
                declared.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
            } else if (declared == null || declared.get$ref() == null) {
                responses.addApiResponse(
                        status, new ApiResponse().$ref("#/components/responses/" + responseName(status)));
            }
        }

        if (command && !admin && method != PathItem.HttpMethod.DELETE) {
            addHeaderParameter(
                    operation,
                    "Idempotency-Key",
                    "Makes a retry safe: the same key and body answer the first answer again (Idempotent-Replayed:"
                            + " true), the same key with another body 409 idempotency-key-reused (ADR 0003).");
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject(
                            FeedPosition.HEADER,
                            new Header()
                                    .description("The audit-feed position of the command's events; send it on a"
                                            + " query to read this write")
                                    .schema(new IntegerSchema().format("int64")));
                }
            });
        }
        if (method == PathItem.HttpMethod.GET) {
            addHeaderParameter(
                    operation,
                    FeedPosition.HEADER,
                    "A position a command answered: the query waits until the projections it reads have handled it,"
                            + " else 503 projection-behind with Retry-After.");
        }
    }

    /** An answer springdoc could not type ({@code *}{@code /*}) is JSON; a server-sent event stream is text. */
    private static void typed(ApiResponses responses) {
        responses.forEach((status, response) -> {
            Content content = response.getContent();
            if (content == null) {
                return;
            }
            MediaType any = content.remove("*/*");
            if (any != null && !content.containsKey(JSON)) {
                content.addMediaType(JSON, any);
            }
            MediaType events = content.get("text/event-stream");
            if (events != null) {
                events.setSchema(new StringSchema()
                        .description("Server-sent events: `event: <view>` and `data: <JSON of what changed>` lines"));
            }
        });
    }

    private static void addHeaderParameter(Operation operation, String name, String description) {
        List<Parameter> parameters = operation.getParameters() == null ? new ArrayList<>() : operation.getParameters();
        if (parameters.stream().noneMatch(p -> name.equalsIgnoreCase(p.getName()) && "header".equals(p.getIn()))) {
            parameters.add(new HeaderParameter()
                    .name(name)
                    .required(false)
                    .description(description)
                    .schema(
                            FeedPosition.HEADER.equals(name)
                                    ? new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO)
                                    : new StringSchema().maxLength(255)));
        }
        operation.setParameters(parameters);
    }

    private static Schema<?> problemSchema() {
        var properties = new LinkedHashMap<String, Schema>();
        properties.put("type", new StringSchema().format("uri-reference").example("/problems/time-bank-cap-exceeded"));
        properties.put("title", new StringSchema());
        properties.put("status", new IntegerSchema());
        properties.put("detail", new StringSchema());
        properties.put("instance", new StringSchema().format("uri-reference"));
        Schema<?> schema = new ObjectSchema()
                .description("An RFC 9457 problem; rule-specific fields (e.g. headroomMinutes) sit beside these")
                .properties(properties)
                .additionalProperties(true);
        schema.setRequired(List.of("type", "title", "status"));
        return schema;
    }

    private static String responseName(String status) {
        return "Problem" + status;
    }

    private static Map<String, String> problems() {
        var problems = new LinkedHashMap<String, String>();
        problems.put("400", "Malformed request: a field, parameter or body that cannot be read or breaks a field rule");
        problems.put("401", "Unauthenticated: no or bad credentials or token");
        problems.put("403", "Forbidden: the caller's role may not do this");
        problems.put("404", "Unknown id, or another provider's data");
        problems.put("409", "Conflicting state, or an id reused with other content");
        problems.put("413", "Request body larger than carebank.max-request-size");
        problems.put("422", "A business rule refused the command; the problem's type names the rule");
        problems.put("429", "Too many requests from this caller; Retry-After says when to try again");
        problems.put(
                "503",
                "Not available now (a projection being rebuilt or behind the position asked for);"
                        + " Retry-After says when to try again");
        return Map.copyOf(problems);
    }
}
