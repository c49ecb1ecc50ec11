-- The first answer to each (caller, Idempotency-Key), so a retried command gets it again and records nothing.
CREATE TABLE idempotency_key (
    principal    VARCHAR(200)             NOT NULL,
    idem_key     VARCHAR(128)             NOT NULL,
    request_hash VARCHAR(64)              NOT NULL,
    status       INT                      NOT NULL,
    content_type VARCHAR(200),
    body         BYTEA,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (principal, idem_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
