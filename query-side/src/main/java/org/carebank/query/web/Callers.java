package org.carebank.query.web;

import org.carebank.kernel.caller.Caller;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated caller of a query, to scope what a provider may see to its own data. */
public final class Callers {

    private Callers() {}

    public static Caller current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return Caller.fromAuthorities(
                authentication.getName(),
                authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList());
    }
}
