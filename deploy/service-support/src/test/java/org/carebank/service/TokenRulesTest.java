package org.carebank.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

/** The rules a token meets besides its signature (ADR 0004), on a fixed clock. */
class TokenRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static JwtSettings settings(String audience) {
        return new JwtSettings("carebank-local", null, audience, Duration.ofHours(24));
    }

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "HS256").subject("client").claim("roles", "COUNCIL");
    }

    private static String errors(TokenRules rules, Jwt jwt) {
        return rules.validate(jwt).getErrors().stream()
                .map(OAuth2Error::getDescription)
                .toList()
                .toString();
    }

    @Test
    @DisplayName("exp is required, and a lifetime over the maximum is refused, measured from iat or else from now")
    void expiryAndLifetime() {
        var rules = new TokenRules(settings(null), CLOCK);

        assertThat(errors(rules, token().issuedAt(NOW).build())).contains("no expiry");
        assertThat(rules.validate(token().issuedAt(NOW)
                                .expiresAt(NOW.plus(Duration.ofHours(24)))
                                .build())
                        .hasErrors())
                .isFalse();
        assertThat(errors(
                        rules,
                        token().issuedAt(NOW.minus(Duration.ofHours(2)))
                                .expiresAt(NOW.plus(Duration.ofHours(23)))
                                .build()))
                .contains("lives longer than 1440 minutes");
        assertThat(errors(
                        rules, token().expiresAt(NOW.plus(Duration.ofHours(25))).build()))
                .contains("expires more than");
    }

    @Test
    @DisplayName("with an audience configured, aud must contain it; without one, aud is not looked at")
    void audience() {
        var rules = new TokenRules(settings("carebank-api"), CLOCK);
        var valid = token().issuedAt(NOW).expiresAt(NOW.plusSeconds(600));

        assertThat(errors(rules, valid.build())).contains("audience");
        assertThat(errors(rules, valid.audience(java.util.List.of("other")).build()))
                .contains("audience");
        assertThat(rules.validate(valid.audience(java.util.List.of("other", "carebank-api"))
                                .build())
                        .hasErrors())
                .isFalse();
        assertThat(new TokenRules(settings(null), CLOCK)
                        .validate(token().issuedAt(NOW)
                                .expiresAt(NOW.plusSeconds(600))
                                .build())
                        .hasErrors())
                .isFalse();
    }
}
