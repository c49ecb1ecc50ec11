package org.carebank.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.refusal.Refusal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A refusal written by a filter straight onto the response reads exactly as the same refusal answered by a
 * controller through Spring MVC: same status, content type and members (Spring MVC adds {@code instance}, the path).
 */
class ServletProblemsTest {

    private static final Map<String, Refusal> REFUSALS = Map.of(
            "not-found", Refusal.notFound("visit-not-found", "No visit v-1."),
            "rule",
                    Refusal.rule("time-bank-cap-exceeded", "Over the cap of 600 min.")
                            .with("headroomMinutes", 0),
            "invalid",
                    new Refusal(
                            "invalid-request",
                            400,
                            "Invalid request",
                            "The request breaks 1 field rule(s).",
                            Map.of("errors", List.of(Map.of("field", "reason", "message", "no control characters")))),
            "rate",
                    new Refusal(
                            "rate-limited",
                            429,
                            "Too many requests",
                            "Retry after 3 s.",
                            Map.of("retryAfterSeconds", 3L)),
            // Not ASCII: a client reads JSON as UTF-8, so the bytes must be UTF-8 whatever the container's default.
            "unicode", new Refusal("invalid-request", 400, "Invalid request", "Café “Zoë” – 東京 😀 refused.", Map.of()));

    @RestController
    static class RefusingController {
        @GetMapping("/controller/{kind}")
        ResponseEntity<ProblemDetail> refuse(@PathVariable String kind) {
            return Problems.response(REFUSALS.get(kind));
        }
    }

    static class RefusingFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(
                jakarta.servlet.http.HttpServletRequest request,
                HttpServletResponse response,
                jakarta.servlet.FilterChain chain)
                throws IOException, jakarta.servlet.ServletException {
            String uri = request.getRequestURI();
            if (uri.startsWith("/filter/")) {
                ServletProblems.write(response, REFUSALS.get(uri.substring("/filter/".length())));
                return;
            }
            chain.doFilter(request, response);
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RefusingController())
            .addFilters(new RefusingFilter())
            .build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not-found", "rule", "invalid", "rate", "unicode"})
    @DisplayName("filter and controller answer the same problem")
    void sameAnswer(String kind) throws Exception {
        var fromController = mvc.perform(get("/controller/" + kind)).andReturn().getResponse();
        var fromFilter = mvc.perform(get("/filter/" + kind)).andReturn().getResponse();

        assertThat(fromFilter.getStatus()).isEqualTo(REFUSALS.get(kind).status());
        assertThat(fromFilter.getStatus()).isEqualTo(fromController.getStatus());
        assertThat(fromFilter.getContentType()).isEqualTo("application/problem+json");
        assertThat(fromFilter.getContentType()).isEqualTo(fromController.getContentType());

        ObjectNode controllerBody = (ObjectNode) body(fromController);
        assertThat(controllerBody.remove("instance").asString()).isEqualTo("/controller/" + kind);
        assertThat(body(fromFilter)).isEqualTo(controllerBody);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rule", "unicode"})
    @DisplayName("the members a client reads: type, title, status, detail and the refusal's own fields")
    void members(String kind) throws Exception {
        var refusal = REFUSALS.get(kind);
        var body = body(mvc.perform(get("/filter/" + kind)).andReturn().getResponse());

        assertThat(body.get("type").asString()).isEqualTo("/problems/" + refusal.type());
        assertThat(body.get("title").asString()).isEqualTo(refusal.title());
        assertThat(body.get("status").asInt()).isEqualTo(refusal.status());
        assertThat(body.get("detail").asString()).isEqualTo(refusal.detail());
        refusal.properties()
                .forEach((name, value) -> assertThat(body.get(name).asString()).isEqualTo(String.valueOf(value)));
        assertThat(body.size()).isEqualTo(4 + refusal.properties().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rule", "unicode"})
    @DisplayName("the body for a container's own writer is the same JSON")
    void jsonForAWriter(String kind) throws Exception {
        var written = body(mvc.perform(get("/filter/" + kind)).andReturn().getResponse());

        assertThat(JsonMapper.shared().readTree(ServletProblems.json(REFUSALS.get(kind))))
                .isEqualTo(written);
    }

    private static JsonNode body(MockHttpServletResponse response) {
        return JsonMapper.shared().readTree(new String(response.getContentAsByteArray(), StandardCharsets.UTF_8));
    }
}
