package org.carebank.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens for machine clients (rostering systems, dashboards). In the standalone default they are signed with a
 * locally configured secret (HS256) and minted with {@code java -jar ... mint-token}; in production set
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} to the council's identity provider instead.
 *
 * <p>Claims: {@code sub} the client, {@code roles} one of COUNCIL, PROVIDER, AUDITOR, ADMIN, {@code provider_id}
 * for a provider's client (required), {@code exp} (required, at most {@code max-lifetime} after {@code iat} and after
 * now) and {@code aud} when an audience is configured (ADR 0004).
 */
@ConfigurationProperties("carebank.security.jwt")
public record JwtSettings(
        @DefaultValue("carebank-local") String issuer,
        String secret,
        String audience,
        @DefaultValue("24h") Duration maxLifetime) {

    static final String ROLES = "roles";
    static final String PROVIDER_ID = "provider_id";

    public JwtSettings {
        if (audience != null && audience.isBlank()) {
            audience = null;
        }
    }

    SecretKey key() {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("carebank.security.jwt.secret must be at least 32 bytes");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
