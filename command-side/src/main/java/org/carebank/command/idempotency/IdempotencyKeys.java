package org.carebank.command.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Idempotency-Keys of each caller in the database: claimed by a first request before its command runs, then
 * completed with its answer, kept for a while so that a retry gets that answer again.
 *
 * <p>The claim is the row's insert under the primary key (caller, key), committed on its own (no transaction is open
 * in the filter, so each statement commits): of concurrent first uses, on one node or many, exactly one insert wins and
 * the others find its row. A claim left pending longer than {@link Settings#claimTimeout()} (its node crashed) is
 * taken over by the next request with that key.
 */
@Component
class IdempotencyKeys {

    /**
     * @param keyLifetime how long an answer is replayed
     * @param claimTimeout how long a first request may run before its claim counts as abandoned and is taken over
     * @param inFlightWait how long a retry waits for the first request's answer before it is refused with 409
     */
    @ConfigurationProperties("carebank.idempotency")
    record Settings(
            @DefaultValue("24h") Duration keyLifetime,
            @DefaultValue("60s") Duration claimTimeout,
            @DefaultValue("10s") Duration inFlightWait) {}

    /** What a request with this key was answered, to give a retry the same answer. */
    record Answer(int status, String contentType, String location, String position, byte[] body) {}

    /** A key's row: the request that claimed it and, once it answered, its answer. */
    record Use(String requestHash, Answer answer) {

        boolean answered() {
            return answer != null;
        }
    }

    /** The claim a first request holds while its command runs. */
    record Claim(String caller, String key, String claimId) {}

    private final JdbcClient jdbc;
    private final Settings settings;

    IdempotencyKeys(JdbcClient jdbc, Settings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Settings settings() {
        return settings;
    }

    /** The key's live use: an answer within its lifetime, or a claim not yet abandoned. */
    Optional<Use> find(String caller, String key, Instant now) {
        return jdbc.sql(
                        """
                        SELECT request_hash, status, content_type, location, position, body FROM idempotency_key
                        WHERE caller = ? AND idem_key = ?
                          AND ((status IS NOT NULL AND claimed_at > ?) OR (status IS NULL AND claimed_at > ?))""")
                .params(caller, key, utc(now.minus(settings.keyLifetime())), utc(now.minus(settings.claimTimeout())))
                .query((rs, n) -> {
                    int status = rs.getInt(2);
                    var answer = rs.wasNull()
                            ? null
                            : new Answer(status, rs.getString(3), rs.getString(4), rs.getString(5), rs.getBytes(6));
                    return new Use(rs.getString(1), answer);
                })
                .optional();
    }

    /**
     * Claims the key for this request, after removing an expired answer or an abandoned claim; empty if another
     * request holds the key (look again with {@link #find}).
     */
    Optional<Claim> claim(String caller, String key, String requestHash, Instant now) {
        jdbc.sql(
                        """
                        DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ?
                          AND ((status IS NOT NULL AND claimed_at <= ?) OR (status IS NULL AND claimed_at <= ?))""")
                .params(caller, key, utc(now.minus(settings.keyLifetime())), utc(now.minus(settings.claimTimeout())))
                .update();
        String claimId = UUID.randomUUID().toString();
        try {
            jdbc.sql(
                            """
                            INSERT INTO idempotency_key (caller, idem_key, request_hash, claim_id, claimed_at)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(caller, key, requestHash, claimId, utc(now))
                    .update();
            return Optional.of(new Claim(caller, key, claimId));
        } catch (DuplicateKeyException heldByAnother) {
            return Optional.empty();
        }
    }

    /** Keeps the answer for retries; nothing if the claim was taken over meanwhile (the new holder's answer counts). */
    void complete(Claim claim, Answer answer) {
        jdbc.sql(
                        """
                        UPDATE idempotency_key SET status = ?, content_type = ?, location = ?, position = ?, body = ?
                        WHERE caller = ? AND idem_key = ? AND claim_id = ?""")
                .params(
                        answer.status(),
                        answer.contentType(),
                        answer.location(),
                        answer.position(),
                        answer.body(),
                        claim.caller(),
                        claim.key(),
                        claim.claimId())
                .update();
    }

    /** Gives the key up (the request failed with a 5xx or an exception), so that a retry runs the command again. */
    void release(Claim claim) {
        jdbc.sql("DELETE FROM idempotency_key WHERE caller = ? AND idem_key = ? AND claim_id = ?")
                .params(claim.caller(), claim.key(), claim.claimId())
                .update();
    }

    int forgetOlderThan(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE claimed_at <= ?")
                .param(utc(now.minus(settings.keyLifetime())))
                .update();
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
