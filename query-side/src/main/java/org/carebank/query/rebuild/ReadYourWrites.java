package org.carebank.query.rebuild;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.carebank.kernel.audit.FeedPosition;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read your own writes (ADR 0020): a query sent with {@code Carebank-Position: n}, the position a command answered, is
 * answered only once every projection it reads has handled position n, waiting up to {@code max-wait}; else 503
 * {@code projection-behind} with Retry-After. The projections are those its controller names in {@link
 * ReadsProjection}; a controller that names none waits for every projection, so a new endpoint is safe by default, and
 * {@code @ReadsProjection({})} says it reads the events themselves. A question with {@code asOf=} is answered from the
 * events and never waits.
 */
@Component
class ReadYourWrites implements HandlerInterceptor, WebMvcConfigurer {

    private final HandledPositions handled;
    private final EventProcessingConfiguration processing;
    private final ReadYourWritesSettings settings;

    ReadYourWrites(HandledPositions handled, EventProcessingConfiguration processing, ReadYourWritesSettings settings) {
        this.handled = handled;
        this.processing = processing;
        this.settings = settings;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(FeedPosition.HEADER);
        if (header == null
                || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                || !(handler instanceof HandlerMethod method)
                || ProjectionReads.answeredFromEvents(method, request.getParameter("asOf"))) {
            return true;
        }
        long position;
        try {
            position = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            position = -1;
        }
        if (position < 0) {
            ServletProblems.write(
                    response,
                    new Refusal(
                            "invalid-position",
                            400,
                            "Malformed request",
                            FeedPosition.HEADER + " must be a feed position (a whole number, 0 or more) as a"
                                    + " command answered it.",
                            Map.of()));
            return false;
        }
        List<String> projections = ProjectionReads.declaredBy(method).orElseGet(this::allProjections);
        if (position == 0 || projections.isEmpty()) {
            return true;
        }
        List<String> behind = awaitHandled(projections, position);
        if (behind.isEmpty()) {
            return true;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        ServletProblems.write(
                response,
                new Refusal(
                        "projection-behind",
                        503,
                        "Projection behind the position asked for",
                        "The " + String.join(", ", behind) + " projection has not yet handled feed position " + position
                                + " within " + settings.maxWait().toMillis() + " ms; ask again in 1 s.",
                        Map.of("position", position, "projections", behind)));
        return false;
    }

    /** The projections still behind the position when the wait is over; none as soon as all have passed it. */
    private List<String> awaitHandled(List<String> projections, long position) {
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        List<String> behind = projections;
        while (true) {
            OptionalLong index = handled.globalIndexOf(position);
            if (index.isPresent()) {
                behind = handled.behind(projections, index.getAsLong());
                if (behind.isEmpty()) {
                    return behind;
                }
            }
            if (System.nanoTime() >= deadline) {
                return behind;
            }
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return behind;
            }
        }
    }

    private List<String> allProjections() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
