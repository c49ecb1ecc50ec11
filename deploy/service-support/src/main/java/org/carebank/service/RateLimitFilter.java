package org.carebank.service;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.carebank.kernel.caller.CallerIdentity;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token bucket per client (the authenticated {@link CallerIdentity}, else the remote address): a rostering system
 * stuck in a retry loop slows down alone instead of slowing everyone, and a token named like a Basic user does not
 * share that user's bucket. Over the limit: 429 with Retry-After. On PostgreSQL the buckets are shared by every replica
 * of the service ({@link SharedClientBuckets}); on the embedded H2 store they are this process's
 * ({@link LocalClientBuckets}); {@link RateLimitConfiguration} chooses.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 20)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    @ConfigurationProperties("carebank.rate-limit")
    record Settings(
            @DefaultValue("1200") int requestsPerMinute,
            /* Clients the embedded store's limiter remembers (the least recent is forgotten past it). */
            @DefaultValue("100000") int maxLocalClients) {}

    private final Settings settings;
    private final ClientBuckets buckets;

    RateLimitFilter(Settings settings, ClientBuckets buckets) {
        this.settings = settings;
        this.buckets = buckets;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe;
        try {
            probe = buckets.tryConsume(client(request));
        } catch (RuntimeException databaseUnavailable) {
            // The limit protects the service; a database that cannot count also cannot serve the request, which then
            // fails on its own terms (503 or a refusal) instead of as an error of the limiter.
            log.warn("Rate limit not applied: the buckets could not be read ({})", databaseUnavailable.toString());
            chain.doFilter(request, response);
            return;
        }
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
}
