package org.carebank.command.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import org.carebank.kernel.audit.FeedPosition;
import org.carebank.kernel.caller.CallerIdentity;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Any command may carry an {@code Idempotency-Key}: a retry with the same key and body gets the first answer again
 * (its status, Location, Content-Type, Carebank-Position and body; it records nothing), the same key with another body
 * is a 409. Keys belong to the caller's whole {@link CallerIdentity} and live 24 hours (a setting).
 *
 * <p>The first request claims the key in the database before its command runs ({@link IdempotencyKeys}), so that of
 * concurrent first uses exactly one runs, on any number of nodes: the others wait for its answer (same body), or get
 * 409 at once (another body) or after a bound (still running). Answers of 5xx are not kept, so a retry after a failure
 * runs again.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String POSITION_HEADER = FeedPosition.HEADER;
    private static final String KEY_PATTERN = "[A-Za-z0-9._:-]{1,128}";
    private static final long POLL_MILLIS = 25;

    private final IdempotencyKeys keys;
    private final Clock clock;

    IdempotencyFilter(IdempotencyKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getHeader(HEADER) == null
                || !(method.equals("POST") || method.equals("PUT"))
                || !request.getRequestURI().startsWith("/api/")
                // An import is idempotent by visit id line by line, and is streamed: its body is never buffered here.
                || request.getRequestURI().startsWith("/api/v1/imports/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Set by the security layer for an authenticated caller; without one there is nobody to keep keys for.
        if (!(request.getAttribute(CallerIdentity.REQUEST_ATTRIBUTE) instanceof CallerIdentity identity)) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!key.matches(KEY_PATTERN)) {
            problem(response, 400, "invalid-idempotency-key", "Idempotency-Key must match " + KEY_PATTERN + ".");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String hash = hash(request.getMethod(), request.getRequestURI(), body);
        String caller = identity.key();
        long waitUntil = System.nanoTime() + keys.settings().inFlightWait().toNanos();
        while (true) {
            var now = clock.instant();
            var use = keys.find(caller, key, now);
            if (use.isPresent() && !use.get().requestHash().equals(hash)) {
                problem(
                        response,
                        409,
                        "idempotency-key-reused",
                        "This Idempotency-Key was already used for a different request.");
                return;
            }
            if (use.isPresent() && use.get().answered()) {
                replay(use.get().answer(), response);
                return;
            }
            if (use.isEmpty()) {
                var claim = keys.claim(caller, key, hash, now);
                if (claim.isPresent()) {
                    runAndRemember(claim.get(), new CachedBodyRequest(request, body), response, chain);
                    return;
                }
                // another request claimed it a moment ago: look at its claim again (below, bounded like a wait)
            }
            if (System.nanoTime() > waitUntil || !pause()) {
                problem(
                        response,
                        409,
                        "idempotency-key-in-flight",
                        "A request with this Idempotency-Key is still running; retry later for its answer.");
                return;
            }
        }
    }

    private void runAndRemember(
            IdempotencyKeys.Claim claim, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var cachingResponse = new ContentCachingResponseWrapper(response);
        boolean remembered = false;
        try {
            chain.doFilter(request, cachingResponse);
            if (cachingResponse.getStatus() < 500) {
                keys.complete(
                        claim,
                        new IdempotencyKeys.Answer(
                                cachingResponse.getStatus(),
                                cachingResponse.getContentType(),
                                cachingResponse.getHeader("Location"),
                                cachingResponse.getHeader(POSITION_HEADER),
                                cachingResponse.getContentAsByteArray()));
                remembered = true;
            }
        } finally {
            if (!remembered) {
                keys.release(claim);
            }
        }
        cachingResponse.copyBodyToResponse();
    }

    private static void replay(IdempotencyKeys.Answer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader("Location", answer.location());
        }
        if (answer.position() != null) {
            response.setHeader(POSITION_HEADER, answer.position());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        if (answer.body() != null) {
            response.getOutputStream().write(answer.body());
        }
    }

    /** Waits a little for the first request's answer; false if interrupted (the service is stopping). */
    private static boolean pause() {
        try {
            Thread.sleep(POLL_MILLIS);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String hash(String method, String uri, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + uri + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every refusal of a key has the title Idempotency-Key; what went wrong is its type (ADR 0003). */
    private static void problem(HttpServletResponse response, int status, String type, String detail)
            throws IOException {
        ServletProblems.write(response, new Refusal(type, status, "Idempotency-Key", detail, Map.of()));
    }

    /** The request again, with the body already read for hashing. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }
    }
}
