package org.carebank.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What a bearer token must show on top of its signature, issuer and time window (ADR 0004): an {@code exp} (a token
 * without one would never expire), a lifetime of at most {@code carebank.security.jwt.max-lifetime} (a stolen token is
 * useful for a bounded time), and the configured audience when there is one. The same rules apply to the local secret
 * and to an issuer-uri, where Spring Boot adds this validator to its own.
 */
final class TokenRules implements OAuth2TokenValidator<Jwt> {

    /** The clock difference tolerated between the issuer and this service, as Spring's own timestamp check allows. */
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final JwtSettings settings;
    private final Clock clock;

    TokenRules(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        var errors = new ArrayList<String>();
        Instant expiresAt = jwt.getExpiresAt();
        Duration max = settings.maxLifetime();
        if (expiresAt == null) {
            errors.add("the token has no expiry (exp)");
        } else {
            Instant issuedAt = jwt.getIssuedAt();
            if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(max) > 0) {
                errors.add("the token lives longer than " + max.toMinutes() + " minutes (exp - iat)");
            } else if (Duration.between(clock.instant(), expiresAt).compareTo(max.plus(SKEW)) > 0) {
                errors.add("the token expires more than " + max.toMinutes() + " minutes from now");
            }
        }
        if (settings.audience() != null) {
            List<String> audience = jwt.getAudience();
            if (audience == null || !audience.contains(settings.audience())) {
                errors.add("the token is not for this service's audience");
            }
        }
        if (errors.isEmpty()) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(errors.stream()
                .map(error -> new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, error, null))
                .toList());
    }
}
