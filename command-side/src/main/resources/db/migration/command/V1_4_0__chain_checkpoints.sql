-- Signed checkpoints of the hash chain (ADR 0005): "the link at chain_position is link", signed with Ed25519 by a key
-- kept outside this database, so rewriting events and recomputing every later link no longer goes unnoticed.
-- Written off the command path, at every multiple of carebank.audit.signing.checkpoint-every and at the head on
-- shutdown. signed_at is the ISO-8601 text that was signed, kept as text so the signed bytes come back exactly.
CREATE TABLE event_chain_checkpoint (
    chain_position BIGINT       NOT NULL PRIMARY KEY,
    link           VARCHAR(64)  NOT NULL,
    key_id         VARCHAR(64)  NOT NULL,
    signed_at      VARCHAR(40)  NOT NULL,
    signature      VARCHAR(200) NOT NULL
);
