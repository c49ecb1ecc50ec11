-- Idempotency keys belong to the caller's whole identity (CallerIdentity: method or issuer, name, role, provider), no
-- longer to its name alone, and a key is claimed before its command runs, so that concurrent first uses run one command.
-- The rows of the old table are dropped, not converted: they are keyed by a bare name, which cannot say which of the
-- callers of that name sent them, and they live 24 hours at most. A retry across the upgrade runs its command again,
-- which every command answers as already recorded (its own id makes it idempotent, ADR 0003).
DROP TABLE idempotency_key;

CREATE TABLE idempotency_key (
    caller       VARCHAR(1024)            NOT NULL,
    idem_key     VARCHAR(128)             NOT NULL,
    request_hash VARCHAR(64)              NOT NULL,
    -- the claim of the request now running, or of the one that answered: only its holder completes or releases it
    claim_id     VARCHAR(36)              NOT NULL,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- null while the first request is still running
    status       INT,
    content_type VARCHAR(200),
    location     VARCHAR(2048),
    position     VARCHAR(40),
    body         BYTEA,
    PRIMARY KEY (caller, idem_key)
);
CREATE INDEX idempotency_key_claimed_idx ON idempotency_key (claimed_at);
