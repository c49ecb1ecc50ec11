package org.carebank.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Credentials anyone can read in this repository: the documented local JWT secret, the {@code {noop}} users and the
 * placeholders of the compose and Kubernetes files (ADR 0004). Every published placeholder contains one of
 * {@link #PLACEHOLDER_MARKERS}, so one rule recognises them all, including those written later.
 */
final class PublishedCredentials {

    /** What to do when the configuration uses them: the standalone's first run warns, everything else refuses. */
    enum Policy {
        WARN,
        REFUSE
    }

    static final String POLICY = "carebank.security.published-credentials";
    static final String SECRET = "carebank.security.jwt.secret";
    static final String USERS = "carebank.security.users";
    static final String DATASOURCE_PASSWORD = "spring.datasource.password";
    private static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final List<String> PLACEHOLDER_MARKERS = List.of("replace-me", "change-me");

    private PublishedCredentials() {}

    static Policy policy(Binder binder) {
        return binder.bind(POLICY, Policy.class).orElse(Policy.REFUSE);
    }

    /** Each published credential in use, by the setting that holds it (never its value). */
    static List<String> inUse(Binder binder) {
        var found = new ArrayList<String>();
        boolean localTokens =
                binder.bind(ISSUER_URI, String.class).map(String::isBlank).orElse(true);
        if (localTokens) {
            String secret = binder.bind(SECRET, String.class).orElse("");
            if (isPlaceholder(secret)) {
                found.add(SECRET + " is a published value (the documented default or a placeholder)");
            }
        }
        if (isPlaceholder(binder.bind(DATASOURCE_PASSWORD, String.class).orElse(""))) {
            found.add(DATASOURCE_PASSWORD + " is a published placeholder");
        }
        List<CarebankUsers.User> users =
                binder.bind(USERS, Bindable.listOf(CarebankUsers.User.class)).orElse(List.of());
        for (int i = 0; i < users.size(); i++) {
            String password =
                    users.get(i).password() == null ? "" : users.get(i).password();
            String setting =
                    USERS + "[" + i + "].password (user " + users.get(i).username() + ")";
            if (password.startsWith("{noop}")) {
                found.add(setting + " is a {noop} password: stored in clear, and the documented ones are public");
            } else if (isPlaceholder(password)) {
                found.add(setting + " is a published placeholder");
            }
        }
        return found;
    }

    private static boolean isPlaceholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return PLACEHOLDER_MARKERS.stream().anyMatch(lower::contains);
    }
}
