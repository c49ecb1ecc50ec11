package org.carebank.query.rebuild;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Answers 503 with Retry-After for a controller marked {@link ReadsProjection} while one of its projections is being
 * rebuilt: a half-built table would give a wrong figure with a 200, which is worse than no figure.
 */
@Component
class ProjectionGuard implements HandlerInterceptor, WebMvcConfigurer {

    private final ProjectionRebuilds rebuilds;

    ProjectionGuard(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)
                || ProjectionReads.answeredFromEvents(method, request.getParameter("asOf"))) {
            return true;
        }
        for (String name : ProjectionReads.declaredBy(method).orElse(List.of())) {
            if (rebuilds.isRebuilding(name)) {
                unavailable(response, rebuilds.progress(name));
                return false;
            }
        }
        return true;
    }

    private static void unavailable(HttpServletResponse response, RebuildProgress progress) throws IOException {
        long retryAfter = progress.retryAfterSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ServletProblems.write(
                response,
                new Refusal(
                        "projection-rebuilding",
                        503,
                        "Projection being rebuilt",
                        "The " + progress.name() + " projection is being rebuilt from the events"
                                + (progress.percent() == null ? "" : " (" + progress.percent() + "%)")
                                + "; ask again in " + retryAfter + " s, or ask with asOf= for an answer from the"
                                + " events.",
                        Map.of(
                                "projection", progress.name(),
                                "position", progress.position(),
                                "total", progress.total())));
    }
}
