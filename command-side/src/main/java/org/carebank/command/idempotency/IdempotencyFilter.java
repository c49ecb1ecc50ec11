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
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Any command may carry an {@code Idempotency-Key}: a retry with the same key and body gets the first answer again
 * (and records nothing), the same key with another body is a 409. Keys belong to the caller and live 24 hours (a
 * setting). Answers of 5xx are not kept, so a retry after a failure runs again.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final String KEY_PATTERN = "[A-Za-z0-9._:-]{1,128}";

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
                || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
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
        String principal = authentication.getName();
        var now = clock.instant();
        var earlier = keys.find(principal, key, now);
        if (earlier.isPresent()) {
            var answer = earlier.get();
            if (!answer.requestHash().equals(hash)) {
                problem(
                        response,
                        409,
                        "idempotency-key-reused",
                        "This Idempotency-Key was already used for a different request.");
                return;
            }
            response.setStatus(answer.status());
            if (answer.contentType() != null) {
                response.setContentType(answer.contentType());
            }
            response.setHeader("Idempotent-Replayed", "true");
            response.getOutputStream().write(answer.body());
            return;
        }
        var cachingResponse = new ContentCachingResponseWrapper(response);
        chain.doFilter(new CachedBodyRequest(request, body), cachingResponse);
        if (cachingResponse.getStatus() < 500) {
            keys.remember(
                    principal,
                    key,
                    new IdempotencyKeys.Answer(
                            hash,
                            cachingResponse.getStatus(),
                            cachingResponse.getContentType(),
                            cachingResponse.getContentAsByteArray()),
                    now);
        }
        cachingResponse.copyBodyToResponse();
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

    private static void problem(HttpServletResponse response, int status, String type, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"/problems/" + type + "\",\"title\":\"Idempotency-Key\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
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
