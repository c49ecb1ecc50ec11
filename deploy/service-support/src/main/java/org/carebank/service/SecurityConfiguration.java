package org.carebank.service;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what: people with HTTP Basic (users from configuration), machines with bearer tokens. Commissioning and ratings are the council's; providers (and council staff) run the roster;
 * every authenticated role may read, and the read side narrows a provider to its own data. No anonymous access to
 * {@code /api}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CarebankUsers.class, JwtSettings.class})
class SecurityConfiguration {

    private static final String COUNCIL = Role.COUNCIL.name();
    private static final String PROVIDER = Role.PROVIDER.name();

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs/**",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                // The dashboard page and its assets; the figures it shows come from the API, signed in.
                                "/",
                                "/index.html",
                                "/dashboard.js",
                                "/dashboard.css",
                                "/webjars/**",
                                "/favicon.ico")
                        .permitAll()
                        .requestMatchers(
                                POST,
                                "/api/v1/providers",
                                "/api/v1/providers/*/cqc-ratings",
                                "/api/v1/packages",
                                "/api/v1/packages/*/offers",
                                "/api/v1/clients/*/time-bank/adjustments")
                        .hasRole(COUNCIL)
                        .requestMatchers(
                                POST,
                                "/api/v1/providers/*/workers",
                                "/api/v1/packages/*/acceptance",
                                "/api/v1/packages/*/declines",
                                "/api/v1/packages/*/hand-back",
                                "/api/v1/rosters",
                                "/api/v1/visits/*/*",
                                "/api/v1/clients/*/time-bank/deposits",
                                "/api/v1/clients/*/time-bank/withdrawals")
                        .hasAnyRole(COUNCIL, PROVIDER)
                        .requestMatchers(PUT, "/api/v1/visits/*")
                        .hasAnyRole(COUNCIL, PROVIDER)
                        // Audit: the raw history is read by auditors, the council and admins; rebuilds are ADMIN's.
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(GET, "/api/v1/audit/**")
                        .hasAnyRole(Role.AUDITOR.name(), COUNCIL, Role.ADMIN.name())
                        .requestMatchers(GET, "/api/**")
                        .authenticated()
                        .anyRequest()
                        .denyAll())
                .httpBasic(basic -> basic.realmName("carebank")
                        .authenticationEntryPoint((request, response, e) -> problem(
                                response,
                                401,
                                "unauthenticated",
                                "Unauthenticated",
                                "Send valid credentials to use the API.")))
                .oauth2ResourceServer(oauth -> oauth.jwt(
                                jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::caller))
                        .authenticationEntryPoint((request, response, e) -> problem(
                                response, 401, "invalid-token", "Invalid token", "The bearer token is not valid.")))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) ->
                        problem(response, 403, "forbidden", "Forbidden", "Your role may not use this endpoint.")))
                // A stateless API for machines and dashboards: no session, no cookie, so no CSRF token to carry.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** A bearer token's client, role and provider become the same authorities a configured user has. */
    static JwtAuthenticationToken caller(Jwt jwt) {
        var authorities = new ArrayList<GrantedAuthority>();
        List<String> roles = jwt.getClaimAsStringList(JwtSettings.ROLES);
        if (roles != null) {
            roles.stream()
                    .filter(role -> Arrays.stream(Role.values())
                            .anyMatch(known -> known.name().equals(role)))
                    .filter(role -> !role.equals(Role.SYSTEM.name()))
                    .forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        String providerId = jwt.getClaimAsString(JwtSettings.PROVIDER_ID);
        if (providerId != null) {
            authorities.add(new SimpleGrantedAuthority(Caller.PROVIDER_AUTHORITY_PREFIX + providerId));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    /**
     * The standalone default checks tokens against the local secret and issuer. With
     * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} set, Spring Boot's decoder for that issuer is used.
     */
    @Bean
    @ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''")
    JwtDecoder localJwtDecoder(JwtSettings settings) {
        var decoder = NimbusJwtDecoder.withSecretKey(settings.key())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(settings.issuer()));
        return decoder;
    }

    /**
     * No Micrometer observation around each of Spring Security's filters: with them every request went through about
     * twenty extra observation wrappers, a measurable share of a command's CPU (README, "Performance"). Requests are
     * still timed as a whole ({@code http.server.requests}), and refused logins still show in the logs.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(CarebankUsers configured) {
        var users = new ArrayList<org.springframework.security.core.userdetails.UserDetails>();
        for (var user : configured.users()) {
            var authorities = new ArrayList<SimpleGrantedAuthority>();
            authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
            if (user.role() == Role.PROVIDER) {
                if (user.providerId() == null) {
                    throw new IllegalStateException("PROVIDER user " + user.username() + " needs a providerId");
                }
                authorities.add(new SimpleGrantedAuthority(Caller.PROVIDER_AUTHORITY_PREFIX + user.providerId()));
            }
            users.add(User.withUsername(user.username())
                    .password(user.password())
                    .authorities(authorities)
                    .build());
        }
        // Exposed as a plain UserDetailsService: the manager would also "upgrade" {noop} passwords to bcrypt after the
        // first sign-in, and every later request would then pay a bcrypt check.
        var manager = new InMemoryUserDetailsManager(users);
        return manager::loadUserByUsername;
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"carebank\"");
        }
        ProblemJson.send(response, status, type, title, detail);
    }
}
