package org.carebank.service;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.ServletProblems;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what: people with HTTP Basic (users from configuration), machines with bearer tokens. Commissioning and ratings are the council's; providers (and council staff) run the roster;
 * every authenticated role may read, and the read side narrows a provider to its own data. No anonymous access to
 * {@code /api}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String COUNCIL = Role.COUNCIL.name();
    private static final String PROVIDER = Role.PROVIDER.name();

    /** The roles a caller must hold one of to use the API: SYSTEM is the service's own, never a caller's. */
    private static final String[] CALLER_ROLES = {COUNCIL, PROVIDER, Role.AUDITOR.name(), Role.ADMIN.name()};

    @Bean
    SecurityFilterChain api(HttpSecurity http, LoginAttempts loginAttempts) throws Exception {
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
                                "/panel-*.js", // the dashboard page's panels, one file each
                                "/webjars/**",
                                "/favicon.ico")
                        .permitAll()
                        .requestMatchers(
                                POST,
                                "/api/v1/providers",
                                "/api/v1/providers/*/cqc-ratings",
                                "/api/v1/providers/*/action-plans",
                                "/api/v1/providers/*/action-plans/*/completion",
                                "/api/v1/imports/visits",
                                "/api/v1/packages",
                                "/api/v1/packages/*/offers",
                                "/api/v1/clients/*/time-bank/adjustments",
                                // Visit maintenance: providers amend, the council decides (four eyes, issue 19).
                                "/api/v1/visits/*/amendments/*/approval",
                                "/api/v1/visits/*/amendments/*/rejection",
                                // Payments (issue 18): rates, reviews, rules, exception acceptance and statements.
                                "/api/v1/packages/*/rates",
                                "/api/v1/rate-reviews",
                                "/api/v1/providers/*/billing-rule",
                                "/api/v1/providers/*/statements",
                                "/api/v1/visits/*/exception-acceptance")
                        .hasRole(COUNCIL)
                        .requestMatchers(
                                POST,
                                "/api/v1/providers/*/workers",
                                "/api/v1/providers/*/workers/*/pay",
                                "/api/v1/providers/*/workers/*/leaving",
                                "/api/v1/providers/*/workers/*/qualifications",
                                "/api/v1/packages/*/acceptance",
                                "/api/v1/packages/*/declines",
                                "/api/v1/packages/*/hand-back",
                                "/api/v1/rosters",
                                "/api/v1/visits/*/*",
                                "/api/v1/clients/*/time-bank/deposits",
                                "/api/v1/clients/*/time-bank/withdrawals",
                                "/api/v1/alerts/*/*",
                                "/api/v1/webhooks")
                        .hasAnyRole(COUNCIL, PROVIDER)
                        // A webhook's delivery log is its subscriber's: the council's or the provider's own.
                        .requestMatchers("/api/v1/webhooks/**")
                        .hasAnyRole(COUNCIL, PROVIDER)
                        .requestMatchers(PUT, "/api/v1/visits/*")
                        .hasAnyRole(COUNCIL, PROVIDER)
                        // Audit: the raw history is read by auditors, the council and admins; rebuilds are ADMIN's.
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole(Role.ADMIN.name())
                        // Unmet need is the council's own question (clients not yet placed with any provider).
                        .requestMatchers(GET, "/api/v1/unmet-need", "/api/v1/unmet-need/**")
                        .hasAnyRole(Role.AUDITOR.name(), COUNCIL, Role.ADMIN.name())
                        .requestMatchers(GET, "/api/v1/audit/**")
                        .hasAnyRole(Role.AUDITOR.name(), COUNCIL, Role.ADMIN.name())
                        // Spring Boot's error page answers JSON that is not problem+json: never shown (an error
                        // dispatch gets the problem of the refusal instead, as before), nor the hidden actuators.
                        .requestMatchers("/actuator/**", "/error")
                        .denyAll()
                        // Every other path and method: any caller with a role, so that Spring MVC answers an unknown
                        // path 404 and an unknown method 405 (UnknownEndpointProblems). A caller without a role stops
                        // here (403 no-role), so no controller ever sees one (Caller.fromAuthorities relies on it).
                        .anyRequest()
                        .hasAnyRole(CALLER_ROLES))
                .addFilterBefore(new LoginLimitFilter(loginAttempts), BearerTokenAuthenticationFilter.class)
                .httpBasic(basic -> basic.realmName("carebank").authenticationEntryPoint((request, response, e) -> {
                    loginAttempts.refused(request, e);
                    problem(
                            response,
                            401,
                            "unauthenticated",
                            "Unauthenticated",
                            "Send valid credentials to use the API.");
                }))
                .oauth2ResourceServer(
                        oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(SecurityConfiguration::caller))
                                .authenticationEntryPoint((request, response, e) -> {
                                    loginAttempts.refused(request, e);
                                    problem(
                                            response,
                                            401,
                                            "invalid-token",
                                            "Invalid token",
                                            "The bearer token is not valid: " + TokenProblems.reason(e) + ".");
                                }))
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) -> {
                    if (TokenProblems.hasNoRole(
                            SecurityContextHolder.getContext().getAuthentication())) {
                        problem(
                                response,
                                403,
                                "no-role",
                                "No role",
                                "The credentials carry none of the roles " + String.join(", ", CALLER_ROLES)
                                        + ", so they may not use the API.");
                    } else {
                        problem(response, 403, "forbidden", "Forbidden", "Your role may not use this endpoint.");
                    }
                }))
                // A stateless API for machines and dashboards: no session, no cookie, so no CSRF token to carry.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * A bearer token's client, role and provider become the same authorities a configured user has. A token that names
     * no known role is still a caller (refused 403 no-role by the URL rules); a token that cannot be read as one caller
     * (two roles, or a PROVIDER without its provider) is refused here as unusable, 401, before any controller runs.
     */
    static JwtAuthenticationToken caller(Jwt jwt) {
        var authorities = new ArrayList<GrantedAuthority>();
        List<String> roles = TokenProblems.knownRoles(jwt);
        if (roles.size() > 1) {
            throw TokenProblems.unusable("the token names more than one role " + roles + "; a client has one");
        }
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        String providerId = TokenProblems.stringClaim(jwt, JwtSettings.PROVIDER_ID);
        if (roles.contains(PROVIDER)) {
            if (providerId == null || providerId.isBlank()) {
                throw TokenProblems.unusable(
                        "a PROVIDER token must name its provider (" + JwtSettings.PROVIDER_ID + ")");
            }
            authorities.add(new SimpleGrantedAuthority(Caller.PROVIDER_AUTHORITY_PREFIX + providerId));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    /**
     * The rules every token meets besides its signature (TokenRules): used by the local decoder below and, as an
     * additional validator, by Spring Boot's decoder for an issuer-uri.
     */
    @Bean
    OAuth2TokenValidator<Jwt> carebankTokenRules(JwtSettings settings) {
        return new TokenRules(settings, Clock.systemUTC());
    }

    /**
     * The standalone default checks tokens against the local secret and issuer. With
     * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} set, Spring Boot's decoder for that issuer is used.
     */
    @Bean
    @ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''")
    JwtDecoder localJwtDecoder(JwtSettings settings, OAuth2TokenValidator<Jwt> carebankTokenRules) {
        var decoder = NimbusJwtDecoder.withSecretKey(settings.key())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()), carebankTokenRules));
        return decoder;
    }

    /**
     * No Micrometer observation around each of Spring Security's filters: with them every request went through about
     * twenty extra observation wrappers, a measurable share of a command's CPU (docs/performance). Requests are
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
        ServletProblems.write(response, new Refusal(type, status, title, detail, Map.of()));
    }
}
