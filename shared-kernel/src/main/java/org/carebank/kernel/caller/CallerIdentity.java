package org.carebank.kernel.caller;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * Who is calling, as far as state kept per caller goes (stored idempotent answers, rate-limit buckets, live streams):
 * how the caller authenticated (and, for a bearer token, who issued it) as well as its name, role and provider. A
 * name alone is not enough: a token with {@code sub=council} is not the Basic user {@code council} (issue 16).
 *
 * <p>The service's security layer works the identity out once per request and leaves it under
 * {@link #REQUEST_ATTRIBUTE}; everything that keeps per-caller state reads it from there, so there is one rule.
 */
public record CallerIdentity(String method, String issuer, Caller caller) {

    public static final String REQUEST_ATTRIBUTE = CallerIdentity.class.getName();

    /** A person or client that sent a user name and password (HTTP Basic). */
    public static CallerIdentity basic(Caller caller) {
        return new CallerIdentity("basic", null, caller);
    }

    /** A machine client with a bearer token signed by {@code issuer}. */
    public static CallerIdentity bearer(String issuer, Caller caller) {
        return new CallerIdentity("jwt", issuer == null ? "" : issuer, caller);
    }

    /**
     * The identity as one string, e.g. {@code basic:council:COUNCIL} or {@code jwt:carebank-local:alpha-roster:
     * PROVIDER:alpha-care}. Each part is URL-encoded, so a colon inside an issuer or a name cannot make two identities
     * look alike.
     */
    public String key() {
        var key = new StringJoiner(":");
        key.add(method);
        if (issuer != null) {
            key.add(encoded(issuer));
        }
        key.add(encoded(caller.principal())).add(caller.role().name());
        if (caller.providerId() != null) {
            key.add(encoded(caller.providerId()));
        }
        return key.toString();
    }

    private static String encoded(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
