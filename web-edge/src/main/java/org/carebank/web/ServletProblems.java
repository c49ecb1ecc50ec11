package org.carebank.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.carebank.kernel.refusal.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem written straight onto the servlet response, for the refusals made before any controller runs (security,
 * rate and size limits, idempotency keys, a projection being rebuilt, Tomcat's own refusals). The body is
 * {@link Problems#of} serialised as Spring MVC serialises a controller's {@link ProblemDetail} (the same mix-in), so a
 * client cannot tell which layer refused it.
 */
public final class ServletProblems {

    public static final String MEDIA_TYPE = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private ServletProblems() {}

    /**
     * Status, {@code application/problem+json} and the body, as UTF-8 bytes (JSON's only encoding, so no charset
     * parameter: the same content type as a controller's problem). Headers such as Retry-After are set by the caller.
     */
    public static void write(HttpServletResponse response, Refusal refusal) throws IOException {
        response.setStatus(refusal.status());
        response.setContentType(MEDIA_TYPE);
        response.getOutputStream().write(JSON.writeValueAsBytes(Problems.of(refusal)));
    }

    /** The body alone, for a writer the container hands out (Tomcat's error report). */
    public static String json(Refusal refusal) {
        return JSON.writeValueAsString(Problems.of(refusal));
    }
}
