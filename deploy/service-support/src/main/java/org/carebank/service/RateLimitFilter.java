package org.carebank.service;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.carebank.kernel.caller.CallerIdentity;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per client (the authenticated {@link CallerIdentity}, else the remote address): a rostering system
 * stuck in a retry loop slows down alone instead of slowing everyone, and a token named like a Basic user does not
 * share that user's bucket. Over the limit: 429 with Retry-After.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 20)
class RateLimitFilter extends OncePerRequestFilter {

    @ConfigurationProperties("carebank.rate-limit")
    record Settings(@DefaultValue("1200") int requestsPerMinute) {}

    /** Clients seen; a bound so that a flood of made-up addresses cannot exhaust memory. */
    private static final int MAX_CLIENTS = 100_000;

    private final Settings settings;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(Settings settings) {
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        var probe =
                buckets.computeIfAbsent(client(request), client -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        response.setHeader("Retry-After", Long.toString(retryAfter));
        ServletProblems.write(
                response,
                new Refusal(
                        "rate-limited",
                        429,
                        "Too many requests",
                        "At most " + settings.requestsPerMinute() + " requests a minute per client; retry after "
                                + retryAfter + " s.",
                        Map.of("retryAfterSeconds", retryAfter)));
    }

    private static String client(HttpServletRequest request) {
        if (request.getAttribute(CallerIdentity.REQUEST_ATTRIBUTE) instanceof CallerIdentity identity) {
            return "caller:" + identity.key();
        }
        return "address:" + request.getRemoteAddr();
    }

    private Bucket newBucket() {
        int perMinute = settings.requestsPerMinute();
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build();
    }
}
