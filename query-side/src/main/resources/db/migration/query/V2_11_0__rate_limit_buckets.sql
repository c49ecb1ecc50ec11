-- Token buckets of the rate limit, shared by every replica of a service on PostgreSQL (Bucket4j's JDBC back end,
-- RateLimitFilter in deploy/service-support). IF NOT EXISTS: the standalone also runs the command side's copy
-- (V1_11_0) into the same schema. expires_at is when a bucket would be full again: rows past it are deleted.
CREATE TABLE IF NOT EXISTS rate_limit_bucket (
    id         VARCHAR(1000) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
