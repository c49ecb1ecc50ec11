package org.carebank.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.carebank.kernel.caller.Role;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * {@code java -jar standalone.jar mint-token --client=sunrise-roster --role=PROVIDER --provider=sunrise-care
 * [--hours=12]} prints a bearer token signed with the configured local secret. For local clients and tests only:
 * production tokens come from the council's issuer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtSettings.class)
public class TokenMinter {

    public static String mint(JwtSettings settings, String client, Role role, String providerId, Duration lifetime) {
        return mint(settings, client, role, providerId, Instant.now(), lifetime);
    }

    public static String mint(
            JwtSettings settings, String client, Role role, String providerId, Instant now, Duration lifetime) {
        var claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(client)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(JwtSettings.ROLES, List.of(role.name()));
        if (providerId != null) {
            claims.claim(JwtSettings.PROVIDER_ID, providerId);
        }
        var encoder = NimbusJwtEncoder.withSecretKey(settings.key()).build();
        var header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    /** Reads the same configuration as the service (application.yml, environment), starts nothing else. */
    static void run(String[] args) {
        Map<String, String> options = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--") && arg.contains("="))
                .collect(Collectors.toMap(
                        arg -> arg.substring(2, arg.indexOf('=')), arg -> arg.substring(arg.indexOf('=') + 1)));
        String client = options.get("client");
        String role = options.get("role");
        if (client == null || role == null) {
            System.err.println("usage: mint-token --client=<id> --role=COUNCIL|PROVIDER|AUDITOR|ADMIN"
                    + " [--provider=<providerId>] [--hours=12]");
            System.exit(2);
        }
        try (var context = new SpringApplicationBuilder(TokenMinter.class)
                .web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN")
                .run(args)) {
            var settings = context.getBean(JwtSettings.class);
            Duration lifetime = Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "12")));
            System.out.println(mint(settings, client, Role.valueOf(role), options.get("provider"), lifetime));
        }
    }
}
