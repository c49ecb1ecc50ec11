package org.carebank.service;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Failed logins, counted per client address and per user name (ADR 0004): a token bucket of failures for each, so that
 * guessing passwords stops after a few attempts a minute. Only failures take from a bucket: a caller who signs in
 * right is never slowed, and is refused only while its name or address is over the limit (else an attacker would
 * learn the right password from the one answer that is not a 429). Bearer tokens count per address only: a refused
 * token's subject is not known to be true.
 */
@Component
class LoginAttempts {

    @ConfigurationProperties("carebank.security.login-limit")
    record Settings(
            @DefaultValue("10") int failuresPerMinutePerUser, @DefaultValue("50") int failuresPerMinutePerAddress) {}

    /** A refusal while over the limit: how long until the next attempt may be made. */
    record Blocked(String who, Duration retryAfter) {}

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    /** Names and addresses remembered; a bound so that a flood of made-up ones cannot exhaust memory. */
    private static final int MAX_REMEMBERED = 100_000;

    private final Settings settings;
    private final Map<String, Bucket> byUser = new ConcurrentHashMap<>();
    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();

    LoginAttempts(Settings settings) {
        this.settings = settings;
    }

    /** Whether this request's user name or address is over its limit of failures, before its credentials are checked. */
    Optional<Blocked> blocked(HttpServletRequest request) {
        String user = basicUser(request);
        return Stream.of(
                        blocked("user " + user, user == null ? null : byUser.get(user)),
                        blocked("address " + request.getRemoteAddr(), byAddress.get(request.getRemoteAddr())))
                .flatMap(Optional::stream)
                .max((a, b) -> a.retryAfter().compareTo(b.retryAfter()));
    }

    /**
     * Called by the entry points for every refused authentication: counts a failure when credentials were sent (not
     * when there were none) and logs it, without the password or token.
     */
    void refused(HttpServletRequest request, AuthenticationException e) {
        if (e instanceof InsufficientAuthenticationException) {
            return;
        }
        String user = basicUser(request);
        String address = request.getRemoteAddr();
        if (user != null) {
            bucket(byUser, user, settings.failuresPerMinutePerUser()).tryConsume(1);
        }
        bucket(byAddress, address, settings.failuresPerMinutePerAddress()).tryConsume(1);
        log.warn(
                "Refused login: user={} address={} reason={}",
                user == null ? "(bearer token)" : printable(user),
                address,
                user == null ? printable(TokenProblems.reason(e)) : "bad user name or password");
    }

    void logBlocked(HttpServletRequest request, Blocked blocked) {
        String user = basicUser(request);
        log.warn(
                "Refused login: user={} address={} reason=too many failed logins for the {}, retry after {} s",
                user == null ? "(bearer token)" : printable(user),
                request.getRemoteAddr(),
                printable(blocked.who()),
                blocked.retryAfter().toSeconds());
    }

    private static Optional<Blocked> blocked(String who, Bucket bucket) {
        if (bucket == null || bucket.getAvailableTokens() >= 1) {
            return Optional.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Optional.of(new Blocked(
                who, Duration.ofSeconds(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1))));
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, int failuresPerMinute) {
        if (buckets.size() > MAX_REMEMBERED) {
            // Forget first those with no failure left to remember; only a flood of new names empties the rest.
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= failuresPerMinute);
            if (buckets.size() > MAX_REMEMBERED) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(failuresPerMinute)
                        // The whole count comes back a minute after it started, not one by one: "N a minute".
                        .refillIntervally(failuresPerMinute, Duration.ofMinutes(1))
                        .build())
                .build());
    }

    /** The user name of an HTTP Basic header, if it has a readable one. */
    static String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** A name as sent by anyone, made safe for one log line: no control characters, bounded length. */
    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
