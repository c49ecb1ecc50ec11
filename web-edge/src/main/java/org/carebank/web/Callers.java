package org.carebank.web;

import org.carebank.kernel.caller.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, read from Spring Security's authentication in one way for the command side (the caller a command
 * carries as metadata), the query side (what a provider may see) and the services' filters (ADR 0004).
 */
public final class Callers {

    private Callers() {}

    /** The caller of the request being handled; the security layer lets no request without a role this far. */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /**
     * The caller an authentication stands for: its name, and its role and provider from the authority names
     * ({@link Caller#fromAuthorities}). Throws {@link IllegalStateException} for one without a role.
     */
    public static Caller of(Authentication authentication) {
        return Caller.fromAuthorities(
                authentication.getName(),
                authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList());
    }
}
