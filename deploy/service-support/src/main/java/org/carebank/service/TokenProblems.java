package org.carebank.service;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.carebank.kernel.caller.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reading a token's claims without trusting their shape: a claim of the wrong type is treated as absent instead of
 * throwing (Spring's typed accessors throw, which became a 500), and the reasons a token is refused, for the 401 body.
 */
final class TokenProblems {

    private static final String PREFIX = "An error occurred while attempting to decode the Jwt: ";

    private TokenProblems() {}

    /** The roles the token names that a caller may hold (SYSTEM is the service's own), in order, without repeats. */
    static List<String> knownRoles(Jwt jwt) {
        Object claim = jwt.getClaims().get(JwtSettings.ROLES);
        Stream<?> values = claim instanceof Collection<?> list ? list.stream() : Stream.ofNullable(claim);
        return values.filter(String.class::isInstance)
                .map(String.class::cast)
                .filter(TokenProblems::isCallerRole)
                .distinct()
                .toList();
    }

    static String stringClaim(Jwt jwt, String name) {
        return jwt.getClaims().get(name) instanceof String value ? value : null;
    }

    static InvalidBearerTokenException unusable(String reason) {
        return new InvalidBearerTokenException(reason);
    }

    /** Why a token was refused, in the words of the check that refused it (never the token itself). */
    static String reason(AuthenticationException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "it could not be read";
        }
        return message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
    }

    /** An authenticated caller holding none of the callers' roles (a token with roles [], SYSTEM or unknown ones). */
    static boolean hasNoRole(Authentication authentication) {
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return false;
        }
        return authentication.getAuthorities().stream()
                .map(authority -> authority.getAuthority())
                .noneMatch(authority ->
                        authority != null && authority.startsWith("ROLE_") && isCallerRole(authority.substring(5)));
    }

    private static boolean isCallerRole(String name) {
        return !name.equals(Role.SYSTEM.name())
                && Arrays.stream(Role.values()).anyMatch(role -> role.name().equals(name));
    }
}
