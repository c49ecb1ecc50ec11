package org.carebank.service;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.CallerIdentity;
import org.carebank.web.Callers;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Right after authentication, leaves the caller's {@link CallerIdentity} on the request for the filters and endpoints
 * that keep state per caller (rate limits, idempotency keys, live streams). Only this layer knows how the caller
 * authenticated; the command and query sides read the result.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 30)
class CallerIdentityFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var identity = identityOf(SecurityContextHolder.getContext().getAuthentication());
        if (identity != null) {
            request.setAttribute(CallerIdentity.REQUEST_ATTRIBUTE, identity);
        }
        chain.doFilter(request, response);
    }

    /** Null for an anonymous caller or one without a usable role (which the security layer refuses anyway). */
    static CallerIdentity identityOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        Caller caller;
        try {
            caller = Callers.of(authentication);
        } catch (IllegalArgumentException | IllegalStateException noUsableRole) {
            return null;
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            return CallerIdentity.bearer(token.getToken().getClaimAsString("iss"), caller);
        }
        if (authentication instanceof UsernamePasswordAuthenticationToken) {
            return CallerIdentity.basic(caller);
        }
        return null;
    }
}
