package org.carebank.service;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Buckets in PostgreSQL's {@code rate_limit_bucket} (Bucket4j's JDBC back end, one row per client, read and written
 * under {@code SELECT ... FOR UPDATE}): every replica of a service draws on the same bucket, so a client sending to
 * three replicas gets the limit once, not three times. A row records when its bucket would be full again
 * ({@code expires_at}); {@link #removeExpired()} deletes the rows past it, since a full bucket is what a new client
 * gets anyway. The table stays as large as the clients of the last minute, with no bound to clear at.
 */
final class SharedClientBuckets implements ClientBuckets {

    /** Rows deleted per statement, so that cleaning after a flood never holds a long transaction. */
    private static final int REMOVE_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration configuration;

    SharedClientBuckets(DataSource dataSource, Bandwidth limit) {
        this.configuration = BucketConfiguration.builder().addLimit(limit).build();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    @Override
    public ConsumptionProbe tryConsume(String client) {
        return buckets.getProxy(client, () -> configuration).tryConsumeAndReturnRemaining(1);
    }

    /** Deletes the rows of buckets that are full again; returns how many. */
    int removeExpired() {
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(REMOVE_BATCH);
            removed += batch;
        } while (batch == REMOVE_BATCH);
        return removed;
    }
}
