package org.carebank.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In the security chain before the credentials are checked: a request whose user name or address has failed to sign
 * in too often lately is answered 429 with Retry-After, its credentials unchecked (LoginAttempts).
 */
final class LoginLimitFilter extends OncePerRequestFilter {

    private final LoginAttempts attempts;

    LoginLimitFilter(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var blocked = attempts.blocked(request);
        if (blocked.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        attempts.logBlocked(request, blocked.get());
        long retryAfter = blocked.get().retryAfter().toSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        ServletProblems.write(
                response,
                new Refusal(
                        "too-many-failed-logins",
                        429,
                        "Too many failed logins",
                        "Too many failed logins lately for this "
                                + (blocked.get().who().startsWith("user") ? "user name" : "address") + "; retry after "
                                + retryAfter + " s.",
                        Map.of("retryAfterSeconds", retryAfter)));
    }
}
