package org.carebank.standalone;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Commissioning and ratings are the council's; providers (and council staff) run the roster;
 * every authenticated role may read, and the read side narrows a provider to its own data. No anonymous access to
 * {@code /api}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CarebankUsers.class)
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
                                "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers(
                                POST,
                                "/api/v1/providers",
                                "/api/v1/providers/*/cqc-ratings",
                                "/api/v1/packages",
                                "/api/v1/packages/*/offers")
                        .hasRole(COUNCIL)
                        .requestMatchers(
                                POST,
                                "/api/v1/providers/*/workers",
                                "/api/v1/packages/*/acceptance",
                                "/api/v1/packages/*/declines",
                                "/api/v1/packages/*/hand-back",
                                "/api/v1/rosters",
                                "/api/v1/visits/*/*")
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
                .exceptionHandling(handling -> handling.accessDeniedHandler((request, response, e) ->
                        problem(response, 403, "forbidden", "Forbidden", "Your role may not use this endpoint.")))
                // A stateless API for machines and dashboards: no session, no cookie, so no CSRF token to carry.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
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
        return new InMemoryUserDetailsManager(users);
    }

    private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"carebank\"");
        }
        response.getWriter()
                .write("{\"type\":\"/problems/" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"}");
    }
}
