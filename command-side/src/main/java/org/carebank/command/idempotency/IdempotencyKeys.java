package org.carebank.command.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The first answer given to each (caller, Idempotency-Key), kept for a while so a retry gets it again. */
@Component
class IdempotencyKeys {

    @ConfigurationProperties("carebank.idempotency")
    record Settings(@DefaultValue("24h") Duration keyLifetime) {}

    record Answer(String requestHash, int status, String contentType, byte[] body) {}

    private final JdbcClient jdbc;
    private final Settings settings;

    IdempotencyKeys(JdbcClient jdbc, Settings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    Optional<Answer> find(String principal, String key, Instant now) {
        return jdbc.sql(
                        """
                        SELECT request_hash, status, content_type, body FROM idempotency_key
                        WHERE principal = ? AND idem_key = ? AND created_at > ?""")
                .params(principal, key, now.minus(settings.keyLifetime()).atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBytes(4)))
                .optional();
    }

    /** Keeps the first answer; a concurrent first use of the same key keeps whichever committed first. */
    void remember(String principal, String key, Answer answer, Instant now) {
        try {
            jdbc.sql("DELETE FROM idempotency_key WHERE principal = ? AND idem_key = ? AND created_at <= ?")
                    .params(principal, key, now.minus(settings.keyLifetime()).atOffset(ZoneOffset.UTC))
                    .update();
            jdbc.sql(
                            """
                            INSERT INTO idempotency_key (principal, idem_key, request_hash, status, content_type, body,
                              created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            principal,
                            key,
                            answer.requestHash(),
                            answer.status(),
                            answer.contentType(),
                            answer.body(),
                            now.atOffset(ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException alreadyRemembered) {
            // the same key raced in; its first answer stands
        }
    }

    int forgetOlderThan(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at <= ?")
                .param(now.minus(settings.keyLifetime()).atOffset(ZoneOffset.UTC))
                .update();
    }
}
