package org.carebank.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Configuration;

/** The published-credentials rule (ADR 0004), and a real start of the axonserver profile refused by it. */
class PublishedCredentialsTest {

    private static final String OWN_SECRET = "a-secret-of-this-deployment-only-7f3a9c1e5b2d8f4a";
    private static final String BCRYPT = "{bcrypt}$2a$04$Pxu2.YH6zTN94omDiD1.deUN0PaYiFoKTITlyOWf2MawQaFSM62hW";

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    private static Binder binder(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties));
    }

    private static Map<String, String> deployment(String secret, String password) {
        var properties = new LinkedHashMap<String, String>();
        properties.put("carebank.security.jwt.secret", secret);
        properties.put("carebank.security.users[0].username", "council");
        properties.put("carebank.security.users[0].password", password);
        properties.put("carebank.security.users[0].role", "COUNCIL");
        return properties;
    }

    @Test
    @DisplayName("an own secret and bcrypt passwords pass; the documented secret, placeholders and {noop} do not")
    void recognisesEveryPublishedCredential() {
        assertThat(PublishedCredentials.inUse(binder(deployment(OWN_SECRET, BCRYPT))))
                .isEmpty();
        assertThat(PublishedCredentials.inUse(
                        binder(deployment("local-development-secret-replace-me-0123456789", "{noop}council"))))
                .hasSize(2)
                .anyMatch(line -> line.startsWith("carebank.security.jwt.secret"))
                .anyMatch(line -> line.contains("users[0].password") && line.contains("{noop}"));
        assertThat(PublishedCredentials.inUse(
                        binder(deployment("replace-me-with-32-or-more-random-bytes-0000", "{bcrypt}replace-me"))))
                .hasSize(2);
        var withDatabase = deployment(OWN_SECRET, BCRYPT);
        withDatabase.put("spring.datasource.password", "replace-me");
        assertThat(PublishedCredentials.inUse(binder(withDatabase)))
                .containsExactly("spring.datasource.password is a published placeholder");
    }

    @Test
    @DisplayName(
            "users given as environment variables (compose, k8s, ScaleOutIT) replace the shared file's {noop} ones")
    void environmentUsersReplaceTheSharedOnes() {
        var environment = new org.springframework.core.env.StandardEnvironment();
        var variables = new LinkedHashMap<String, Object>();
        variables.put("CAREBANK_SECURITY_JWT_SECRET", OWN_SECRET);
        variables.put("CAREBANK_SECURITY_USERS_0_USERNAME", "council");
        variables.put("CAREBANK_SECURITY_USERS_0_ROLE", "COUNCIL");
        variables.put("CAREBANK_SECURITY_USERS_0_PASSWORD", BCRYPT);
        environment
                .getPropertySources()
                .addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                        "test-systemEnvironment", variables));
        environment
                .getPropertySources()
                .addLast(new org.springframework.core.env.MapPropertySource(
                        "shared-file",
                        Map.of(
                                "carebank.security.users[0].username", "council",
                                "carebank.security.users[0].password", "{noop}council",
                                "carebank.security.users[1].username", "sunrise",
                                "carebank.security.users[1].password", "{noop}sunrise")));

        assertThat(PublishedCredentials.inUse(Binder.get(environment))).isEmpty();
    }

    @Test
    @DisplayName("with an issuer-uri the local secret is not used, so it is not held against the deployment")
    void issuerUriMakesTheLocalSecretIrrelevant() {
        var properties = deployment("local-development-secret-replace-me-0123456789", BCRYPT);
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", "https://id.council.example");

        assertThat(PublishedCredentials.inUse(binder(properties))).isEmpty();
    }

    @Test
    @DisplayName("unset, the policy is REFUSE; the shared configuration says WARN for the standalone only")
    void policyDefaultsToRefuse() {
        assertThat(PublishedCredentials.policy(binder(Map.of()))).isEqualTo(PublishedCredentials.Policy.REFUSE);
    }

    @Test
    @DisplayName("the axonserver profile with the shared configuration's defaults does not start, and says what to set")
    void axonServerProfileRefusesToStart() {
        java.util.function.Supplier<SpringApplicationBuilder> application =
                () -> new SpringApplicationBuilder(Nothing.class)
                        .web(WebApplicationType.NONE)
                        .profiles("axonserver")
                        .properties("spring.config.import=classpath:carebank-common.yml");

        assertThatThrownBy(() -> application.get().run())
                .isInstanceOf(PublishedCredentialsCheck.PublishedCredentialsException.class)
                .hasMessageContaining("carebank.security.jwt.secret")
                .hasMessageContaining("carebank.security.users[3].password (user sunrise) is a {noop} password");
        try {
            application.get().run();
        } catch (PublishedCredentialsCheck.PublishedCredentialsException e) {
            FailureAnalysis analysis = new PublishedCredentialsFailureAnalyzer().analyze(e);
            assertThat(analysis.getDescription()).contains("carebank.security.published-credentials=REFUSE");
            assertThat(analysis.getAction())
                    .contains("CAREBANK_SECURITY_JWT_SECRET")
                    .contains("{bcrypt}");
        }
    }

    @Test
    @DisplayName("the same configuration with an own secret and bcrypt users starts")
    void ownCredentialsStart() {
        try (var context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE)
                .profiles("axonserver")
                .run(
                        "--spring.config.import=classpath:carebank-common.yml",
                        "--carebank.security.jwt.secret=" + OWN_SECRET,
                        "--carebank.security.users[0].username=council",
                        "--carebank.security.users[0].password=" + BCRYPT,
                        "--carebank.security.users[0].role=COUNCIL")) {
            assertThat(context.isActive()).isTrue();
        }
    }
}
