package org.carebank.service;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bearer tokens for machine clients (rostering systems, dashboards). In the standalone default they are signed with a
 * locally configured secret (HS256) and minted with {@code java -jar ... mint-token}; in production set
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} to the council's identity provider instead.
 *
 * <p>Claims: {@code sub} the client, {@code roles} one of COUNCIL, PROVIDER, AUDITOR, ADMIN, and {@code provider_id}
 * for a provider's client.
 */
@ConfigurationProperties("carebank.security.jwt")
public record JwtSettings(@DefaultValue("carebank-local") String issuer, String secret) {

    static final String ROLES = "roles";
    static final String PROVIDER_ID = "provider_id";

    SecretKey key() {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException("carebank.security.jwt.secret must be at least 32 bytes");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
