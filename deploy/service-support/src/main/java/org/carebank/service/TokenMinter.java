package org.carebank.service;

import java.io.PrintStream;
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
 * production tokens come from the council's issuer. It mints only tokens the service accepts (ADR 0004): a PROVIDER
 * token names its provider, another role's names none, and the lifetime is within
 * {@code carebank.security.jwt.max-lifetime}; {@code aud} is set when {@code carebank.security.jwt.audience} is.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtSettings.class)
public class TokenMinter {

    private static final String USAGE = "usage: mint-token --client=<id> --role=COUNCIL|PROVIDER|AUDITOR|ADMIN"
            + " [--provider=<providerId>, required for PROVIDER] [--hours=12]";

    public static String mint(JwtSettings settings, String client, Role role, String providerId, Duration lifetime) {
        return mint(settings, client, role, providerId, Instant.now(), lifetime);
    }

    /** @throws IllegalArgumentException for a token the service would refuse, saying why */
    public static String mint(
            JwtSettings settings, String client, Role role, String providerId, Instant now, Duration lifetime) {
        if (client == null || client.isBlank()) {
            throw new IllegalArgumentException("a token needs a client (--client)");
        }
        if (role == Role.SYSTEM) {
            throw new IllegalArgumentException("SYSTEM is the service's own role, not a client's");
        }
        boolean namesProvider = providerId != null && !providerId.isBlank();
        if (role == Role.PROVIDER && !namesProvider) {
            throw new IllegalArgumentException(
                    "a PROVIDER token must name its provider (--provider=<providerId>); without one it would be refused");
        }
        if (role != Role.PROVIDER && namesProvider) {
            throw new IllegalArgumentException("only a PROVIDER token names a provider; drop --provider for " + role);
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(settings.maxLifetime()) > 0) {
            throw new IllegalArgumentException("the lifetime must be more than 0 and at most "
                    + settings.maxLifetime().toHours() + " h (carebank.security.jwt.max-lifetime)");
        }
        var claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(client)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim(JwtSettings.ROLES, List.of(role.name()));
        if (namesProvider) {
            claims.claim(JwtSettings.PROVIDER_ID, providerId);
        }
        if (settings.audience() != null) {
            claims.audience(List.of(settings.audience()));
        }
        var encoder = NimbusJwtEncoder.withSecretKey(settings.key()).build();
        var header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
    }

    /**
     * The {@code mint-token} command: prints the token on {@code out} and returns 0, or explains on {@code err} and
     * returns 2. Reads the same configuration as the service (application.yml, environment), starts nothing else.
     */
    public static int command(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--") && arg.contains("="))
                .collect(Collectors.toMap(
                        arg -> arg.substring(2, arg.indexOf('=')),
                        arg -> arg.substring(arg.indexOf('=') + 1),
                        (first, last) -> last));
        String client = options.get("client");
        String role = options.get("role");
        if (client == null || role == null) {
            err.println(USAGE);
            return 2;
        }
        Role parsedRole;
        Duration lifetime;
        try {
            parsedRole = Role.valueOf(role);
            lifetime = Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "12")));
        } catch (IllegalArgumentException e) {
            err.println("mint-token: --role must be one of COUNCIL, PROVIDER, AUDITOR, ADMIN and --hours a whole"
                    + " number\n" + USAGE);
            return 2;
        }
        try (var context = new SpringApplicationBuilder(TokenMinter.class)
                .web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN")
                .run(args)) {
            var settings = context.getBean(JwtSettings.class);
            out.println(mint(settings, client, parsedRole, options.get("provider"), lifetime));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("mint-token: " + e.getMessage());
            return 2;
        }
    }
}
