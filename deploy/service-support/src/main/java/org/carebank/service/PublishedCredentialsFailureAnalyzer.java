package org.carebank.service;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused start (PublishedCredentialsCheck) as Spring Boot's "APPLICATION FAILED TO START" report, no trace. */
class PublishedCredentialsFailureAnalyzer
        extends AbstractFailureAnalyzer<PublishedCredentialsCheck.PublishedCredentialsException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, PublishedCredentialsCheck.PublishedCredentialsException cause) {
        return new FailureAnalysis(
                "Published credentials are refused in this deployment (" + PublishedCredentials.POLICY
                        + "=REFUSE):\n    " + String.join("\n    ", cause.inUse()),
                "Set " + PublishedCredentials.SECRET + " (CAREBANK_SECURITY_JWT_SECRET) to 32 or more random bytes, or"
                        + " point spring.security.oauth2.resourceserver.jwt.issuer-uri at the council's issuer; give"
                        + " every user of " + PublishedCredentials.USERS + " a {bcrypt} password"
                        + " (CAREBANK_SECURITY_USERS_0_PASSWORD...). See docs/security.md and ADR 0004.",
                cause);
    }
}
