-- Tamper evidence over the event store (ADR 0005). One link per stored event, written in the transaction that appends
-- the event: link = SHA-256(previous link, the event's stored columns). chain_position numbers the links 1, 2, 3...
-- in commit order with no gaps, so it is also the audit feed's resumable position.
CREATE TABLE event_chain (
    chain_position   BIGINT       NOT NULL PRIMARY KEY,
    event_identifier VARCHAR(255) NOT NULL,
    global_index     BIGINT       NOT NULL,
    link             VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_event_chain_event UNIQUE (event_identifier)
);

-- The single head row: locked (SELECT ... FOR UPDATE) by every appending transaction, so links are made one at a time
-- in commit order. adopted is set once the events stored before this table existed have been linked.
CREATE TABLE event_chain_head (
    id             INT         NOT NULL PRIMARY KEY,
    chain_position BIGINT      NOT NULL,
    link           VARCHAR(64) NOT NULL,
    adopted        BOOLEAN     NOT NULL
);
INSERT INTO event_chain_head (id, chain_position, link, adopted)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', FALSE);
