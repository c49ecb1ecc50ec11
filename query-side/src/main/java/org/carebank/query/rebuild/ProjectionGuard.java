package org.carebank.query.rebuild;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers 503 with Retry-After for a controller marked {@link ReadsProjection} while one of its projections is being
 * rebuilt: a half-built table would give a wrong figure with a 200, which is worse than no figure.
 */
@Component
class ProjectionGuard implements HandlerInterceptor, WebMvcConfigurer {

    private final ProjectionRebuilds rebuilds;
    private final ObjectMapper json;

    ProjectionGuard(ProjectionRebuilds rebuilds, ObjectMapper json) {
        this.rebuilds = rebuilds;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || answersFromEvents(method, request)) {
            return true;
        }
        ReadsProjection reads = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsProjection.class);
        if (reads == null) {
            return true;
        }
        for (String name : reads.value()) {
            if (rebuilds.isRebuilding(name)) {
                unavailable(response, rebuilds.progress(name));
                return false;
            }
        }
        return true;
    }

    /** A question with asOf=, to an endpoint that takes it, is answered from the events, not the tables. */
    private static boolean answersFromEvents(HandlerMethod method, HttpServletRequest request) {
        return request.getParameter("asOf") != null
                && Arrays.stream(method.getMethodParameters())
                        .anyMatch(parameter -> "asOf".equals(parameter.getParameterName()));
    }

    private void unavailable(HttpServletResponse response, RebuildProgress progress) throws IOException {
        long retryAfter = progress.retryAfterSeconds();
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "/problems/projection-rebuilding");
        problem.put("title", "Projection being rebuilt");
        problem.put("status", 503);
        problem.put(
                "detail",
                "The " + progress.name() + " projection is being rebuilt from the events"
                        + (progress.percent() == null ? "" : " (" + progress.percent() + "%)")
                        + "; ask again in " + retryAfter + " s, or ask with asOf= for an answer from the events.");
        problem.put("projection", progress.name());
        problem.put("position", progress.position());
        problem.put("total", progress.total());
        response.setStatus(503);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        response.setContentType("application/problem+json");
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
